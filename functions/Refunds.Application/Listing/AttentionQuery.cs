using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;

namespace Refunds.Application.Listing;

/// <summary>
/// The refunds ops must look at, across organizations, oldest first. The attention index may say more than a record
/// (it is widened before a commit and narrowed after it), so each row is checked against the record's summary and
/// left out when the record no longer matches; the page then reads on until it is full or the index ends.
/// </summary>
public sealed class AttentionQuery(IRefundIndex index, TimeProvider time, IOptions<WorkflowOptions> options)
{
    public async Task<ListedPage> ListAsync(AttentionFilter filter, string? after, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = time.GetUtcNow();
        var grace = options.Value.StallGrace;
        var items = new List<ListedRefund>(pageSize);
        var cursor = after;
        var read = 0;
        do
        {
            var page = await index.ReadAttentionAsync(filter, now - grace, cursor, pageSize - items.Count, cancellationToken);
            read += page.EntitiesRead;
            foreach (var summary in page.Items)
            {
                var reasons = summary?.Attention(now, grace) ?? [];
                if (summary is not null && reasons.Any(filter.Reasons.Contains)
                    && (filter.OrganizationId is null || summary.OrganizationId == filter.OrganizationId)
                    && (filter.CreatedBefore is null || summary.CreatedAt < filter.CreatedBefore))
                {
                    items.Add(new ListedRefund(summary, reasons));
                }
            }

            cursor = page.Next;
        }
        while (items.Count < pageSize && cursor is not null);

        return new ListedPage(items, cursor, read);
    }
}
