using Refunds.TestSupport;

namespace Refunds.Storage.Tests;

/// <summary>One Azurite for every test class in the collection; each test uses its own table and queues.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
