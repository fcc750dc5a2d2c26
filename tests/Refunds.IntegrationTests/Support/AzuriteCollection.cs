using Refunds.TestSupport;

// The tests of the collection below run side by side (see ParallelTestFramework): each starts its own app.
[assembly: TestFramework("Refunds.TestSupport.ParallelTestFramework", "Refunds.TestSupport")]

namespace Refunds.IntegrationTests.Support;

/// <summary>One Azurite process for the whole assembly; every test app gets its own table and queue.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
