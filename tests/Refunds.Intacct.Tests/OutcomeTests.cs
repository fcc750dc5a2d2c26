using Refunds.Application.Ports;
using Refunds.Intacct.Tests.Infrastructure;
using Refunds.IntacctStandIn;

namespace Refunds.Intacct.Tests;

public sealed class OutcomeTests
{
    [Theory]
    [InlineData(DuplicateControlIdLevel.Control)]
    [InlineData(DuplicateControlIdLevel.Result)]
    public async Task ReverseArPaymentAsync_DuplicateControlId_ConfirmsByReadAndReportsDuplicate(DuplicateControlIdLevel level)
    {
        await using var harness = await IntacctHarness.StartAsync(o => o.DuplicateControlIdLevel = level);
        harness.StandIn.AddArPayment("3001", IntacctHarness.PaymentDate, 1_000);
        var request = IntacctHarness.Request("3001");
        await harness.Reversals.ReverseArPaymentAsync(request, CancellationToken.None);

        var outcome = await harness.Reversals.ReverseArPaymentAsync(request, CancellationToken.None);

        Assert.Equal(new IntacctReversalOutcome.Reversed(WasDuplicate: true), outcome);
        Assert.Equal(1, harness.Payment("3001").ReversalCount);
        Assert.Equal(["getAPISession", "reverse_arpayment", "reverse_arpayment", "read"], harness.Functions);
        Assert.Contains(harness.Logs.Entries, e => e.Contains("duplicate control id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReverseArPaymentAsync_AlreadyReversedUnderAnotherControlId_CountsAsReversed()
    {
        await using var harness = await IntacctHarness.StartAsync();
        harness.StandIn.AddArPayment("3101", IntacctHarness.PaymentDate, 1_000);
        await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("3101", controlId: "manual-reversal"), CancellationToken.None);

        var outcome = await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("3101"), CancellationToken.None);

        Assert.Equal(new IntacctReversalOutcome.Reversed(WasDuplicate: true), outcome);
        Assert.Equal(1, harness.Payment("3101").ReversalCount);
        Assert.Contains(harness.Logs.Entries, e => e.Contains("BL03000125", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReverseArPaymentAsync_UnknownKey_FailsWithIntacctErrorNotTheRollbackNotice()
    {
        await using var harness = await IntacctHarness.StartAsync();

        var outcome = await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("9999"), CancellationToken.None);

        var failed = Assert.IsType<IntacctReversalOutcome.Failed>(outcome);
        Assert.Equal("BL03000018", failed.ErrorNumber);
        Assert.Contains("No AR payment with RECORDNO 9999 exists.", failed.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("rolled back", failed.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseArPaymentAsync_ClosedPeriod_FailsWithIntacctErrorAndLeavesPaymentPosted()
    {
        await using var harness = await IntacctHarness.StartAsync();
        harness.StandIn.AddArPayment("3201", IntacctHarness.PaymentDate, 1_000);
        harness.StandIn.CloseBooksThrough(new DateOnly(2026, 3, 31));

        var outcome = await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("3201"), CancellationToken.None);

        var failed = Assert.IsType<IntacctReversalOutcome.Failed>(outcome);
        Assert.Equal("BL03000136", failed.ErrorNumber);
        Assert.Contains("closed period", failed.Description, StringComparison.Ordinal);
        Assert.Contains("Use a reversal date in an open period.", failed.Description, StringComparison.Ordinal);
        Assert.Equal(StandInArPaymentState.Posted, harness.Payment("3201").State);
    }

    [Fact]
    public async Task ReverseArPaymentAsync_DateBeforePaymentDate_FailsWithIntacctError()
    {
        await using var harness = await IntacctHarness.StartAsync();
        harness.StandIn.AddArPayment("3301", IntacctHarness.PaymentDate, 1_000);

        var outcome = await harness.Reversals.ReverseArPaymentAsync(
            IntacctHarness.Request("3301", reversalDate: IntacctHarness.PaymentDate.AddDays(-1)), CancellationToken.None);

        var failed = Assert.IsType<IntacctReversalOutcome.Failed>(outcome);
        Assert.Equal("BL03000147", failed.ErrorNumber);
        Assert.Equal(0, harness.Payment("3301").ReversalCount);
    }

    [Fact]
    public async Task ReverseArPaymentAsync_RollbackNoticeListedFirst_ReportsTheRealError()
    {
        await using var harness = await IntacctHarness.StartAsync();
        harness.StandIn.AddArPayment("3401", IntacctHarness.PaymentDate, 1_000);
        harness.StandIn.InjectFaults(StandInFault.Error(
            new StandInError("BL01001973", "", "Could not reverse the payment: the deposit is reconciled.", ""),
            "reverse_arpayment",
            rollbackNoticeFirst: true));

        var outcome = await harness.Reversals.ReverseArPaymentAsync(IntacctHarness.Request("3401"), CancellationToken.None);

        var failed = Assert.IsType<IntacctReversalOutcome.Failed>(outcome);
        Assert.Equal("BL01001973", failed.ErrorNumber);
        Assert.Equal("Could not reverse the payment: the deposit is reconciled.", failed.Description);
    }
}
