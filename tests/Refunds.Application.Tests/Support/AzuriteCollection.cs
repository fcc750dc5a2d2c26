using Refunds.TestSupport;

namespace Refunds.Application.Tests.Support;

/// <summary>One Azurite for every activity test class; each test uses a table of its own.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
