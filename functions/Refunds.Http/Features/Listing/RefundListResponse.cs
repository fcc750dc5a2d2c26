using System.Text.Json.Serialization;
using Refunds.Application.Listing;
using Refunds.Domain.Refunds;

namespace Refunds.Http.Features.Listing;

/// <param name="ContinuationToken">Opaque; pass it back as <c>continuationToken</c> with the same filters for the next page. Null on the last page.</param>
public sealed record RefundListResponse(
    IReadOnlyList<RefundListItem> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? ContinuationToken);

/// <summary>One refund in a list (minor units). <c>url</c> is its status URL.</summary>
public sealed record RefundListItem(
    string RefundId,
    string OrganizationId,
    string PaymentId,
    long Amount,
    string Currency,
    string Status,
    string Step,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] WaitingView? Waiting,
    string IntacctStatus,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] LinkView? LinkedTo,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Url,
    IReadOnlyList<string> Attention)
{
    public static RefundListItem From(ListedRefund listed)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var s = listed.Summary;
        return new RefundListItem(
            s.RefundId,
            s.OrganizationId,
            s.PaymentId,
            s.Amount.MinorUnits,
            s.Amount.Currency,
            s.RuntimeStatus.ToString(),
            s.Step.ToString(),
            s.Waiting is { } w ? new WaitingView(WaitingText(w.Reason), w.Shortfall is { } m ? new MoneyView(m.MinorUnits, m.Currency) : null) : null,
            s.IntacctStatus.ToString(),
            new LinkView(s.LinkedTo.Type == RefundLinkType.Payment ? "payment" : "creditMemo", s.LinkedTo.Id),
            s.CreatedAt,
            s.UpdatedAt,
            $"/api/organizations/{s.OrganizationId}/refunds/{s.RefundId}",
            listed.Attention.Select(AttentionText).ToList());
    }

    public static string AttentionText(AttentionReason reason) => reason switch
    {
        AttentionReason.WaitingForFunds => "waiting_for_funds",
        AttentionReason.IntacctFailed => "intacct_failed",
        AttentionReason.Failed => "failed",
        AttentionReason.Stalled => "stalled",
        AttentionReason.Warnings => "warnings",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown attention reason."),
    };

    public static string WaitingText(WaitingReason reason) => reason switch
    {
        WaitingReason.InsufficientFunds => "insufficient_funds",
        WaitingReason.RequiresAction => "requires_action",
        WaitingReason.PendingAtStripe => "pending_at_stripe",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown waiting reason."),
    };
}

/// <param name="Shortfall">How much the connected account's available balance lacks; only for <c>insufficient_funds</c>.</param>
public sealed record WaitingView(string Reason, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] MoneyView? Shortfall);

public sealed record MoneyView(long Amount, string Currency);

/// <param name="Type"><c>payment</c> or <c>creditMemo</c>.</param>
public sealed record LinkView(string Type, string Id);
