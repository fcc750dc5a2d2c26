namespace Refunds.DurableHost.Tests.Support;

/// <summary>
/// One Azurite and one shared host per test class for every class here. The classes run one after another: on 2
/// shared cores, parallel task hubs mostly compete for the CPU that their queue polling needs.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DurableHostCollection : ICollectionFixture<DurableHostFixture>
{
    public const string Name = "DurableHost";
}
