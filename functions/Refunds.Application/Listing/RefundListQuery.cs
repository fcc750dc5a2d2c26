using Microsoft.Extensions.Options;
using Refunds.Application.Ports;
using Refunds.Application.Workflow;
using Refunds.Domain.Refunds;

namespace Refunds.Application.Listing;

/// <summary>A refund as a list shows it, with the reasons ops should look at it now (empty when none).</summary>
public sealed record ListedRefund(RefundSummary Summary, IReadOnlyList<AttentionReason> Attention);

/// <param name="Next">The cursor of the next page, or null on the last one; the HTTP edge seals it before a client sees it.</param>
/// <param name="EntitiesRead">Storage entities the page cost, for telemetry.</param>
public sealed record ListedPage(IReadOnlyList<ListedRefund> Items, string? Next, int EntitiesRead);

/// <summary>An organization's refunds, newest first: one range of the organization's summary rows.</summary>
public sealed class RefundListQuery(IRefundIndex index, TimeProvider time, IOptions<WorkflowOptions> options)
{
    public async Task<ListedPage> ListAsync(string organizationId, RefundListFilter filter, string? after, int pageSize, CancellationToken cancellationToken)
    {
        var page = await index.ListAsync(organizationId, filter, after, pageSize, cancellationToken);
        var now = time.GetUtcNow();
        return new ListedPage(
            page.Items.Select(s => new ListedRefund(s, s.Attention(now, options.Value.StallGrace))).ToList(),
            page.Next,
            page.EntitiesRead);
    }
}
