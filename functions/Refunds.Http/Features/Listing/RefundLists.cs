using Refunds.Application.Listing;
using Refunds.Http.Telemetry;

namespace Refunds.Http.Features.Listing;

/// <summary>What the list endpoints need, in one service so that both hosts hand the handlers one argument.</summary>
public sealed class RefundLists(
    RefundListQuery organizationRefunds,
    AttentionQuery attention,
    ContinuationTokens tokens,
    RefundsInstrumentation instrumentation,
    TimeProvider time)
{
    public RefundListQuery OrganizationRefunds => organizationRefunds;

    public AttentionQuery Attention => attention;

    public ContinuationTokens Tokens => tokens;

    public RefundsInstrumentation Instrumentation => instrumentation;

    public TimeProvider Time => time;

    /// <summary>The answer for a page: its items and, when there is more, a token sealing the next cursor to this list and filters.</summary>
    public RefundListResponse Answer(ListedPage page, string list, string scope, string filters)
    {
        ArgumentNullException.ThrowIfNull(page);
        instrumentation.RecordListing(list, page.EntitiesRead);
        return new RefundListResponse(
            page.Items.Select(RefundListItem.From).ToList(),
            page.Next is { } next ? tokens.Seal(scope, filters, next) : null);
    }
}
