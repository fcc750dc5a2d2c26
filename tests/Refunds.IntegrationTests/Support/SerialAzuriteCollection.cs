using Refunds.TestSupport;

namespace Refunds.IntegrationTests.Support;

/// <summary>
/// Classes whose tests share one app through a class fixture (its stand-ins' injected faults, its instance list, its
/// organization's refunds) and so must run one test at a time: the rest of the assembly runs side by side.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialAzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite-serial";
}
