using System.Diagnostics;
using System.Text;
using Azure.Storage.Queues;
using Refunds.Application.Ports;
using Refunds.Storage.Queues;
using Refunds.TestSupport;

namespace Refunds.Storage.Tests.Queues;

[Collection(AzuriteCollection.Name)]
public sealed class AzureStepQueueTests(AzuriteFixture azurite) : QueueTestBase(azurite)
{
    private static readonly StepMessage Message = new("org_1", "rf_1", 3);

    [Fact]
    public async Task EnqueueAsync_NoDelay_SendsBase64EncodedJson()
    {
        await new AzureStepQueue(Queue).EnqueueAsync(Message, TimeSpan.Zero, Ct);

        var raw = new QueueClient(Azurite.ConnectionString, QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var peeked = Assert.Single((await raw.PeekMessagesAsync(10, Ct)).Value);
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(peeked.Body.ToString()));
        Assert.Equal("""{"organizationId":"org_1","refundId":"rf_1","sequence":3}""", json);
        Assert.Equal(Message, StepMessageJson.Parse(json));
    }

    [Fact]
    public async Task EnqueueAsync_WithDelay_InvisibleUntilTheDelayHasPassed()
    {
        var clock = Stopwatch.StartNew();
        await new AzureStepQueue(Queue).EnqueueAsync(Message, TimeSpan.FromSeconds(2), Ct);

        Assert.Empty((await Queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1), Ct)).Value);
        Assert.Equal(1, await CountAsync(Queue));
        await Poll.UntilAsync(async () => (await Queue.PeekMessagesAsync(1, Ct)).Value.Length == 1, TimeSpan.FromSeconds(10), "the delayed message");
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(10));
        Assert.Equal(Message, StepMessageJson.Parse(Assert.Single((await Queue.PeekMessagesAsync(1, Ct)).Value).Body.ToString()));
    }

    [Fact]
    public async Task EnqueueAsync_DelayBeyondSevenDays_IsCappedAndStaysInvisible()
    {
        await new AzureStepQueue(Queue).EnqueueAsync(Message, TimeSpan.FromDays(30), Ct);

        Assert.Equal(1, await CountAsync(Queue));
        Assert.Empty((await Queue.PeekMessagesAsync(1, Ct)).Value);
    }

    [Fact]
    public async Task EnqueueAsync_NegativeDelay_IsVisibleAtOnce()
    {
        await new AzureStepQueue(Queue).EnqueueAsync(Message, TimeSpan.FromMinutes(-1), Ct);

        Assert.Single((await Queue.PeekMessagesAsync(1, Ct)).Value);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"organizationId":"org_1"}""")]
    [InlineData("not json")]
    public void Parse_NotAStepMessage_Throws(string text) =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => StepMessageJson.Parse(text));
}
