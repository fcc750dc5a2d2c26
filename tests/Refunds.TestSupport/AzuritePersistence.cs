namespace Refunds.TestSupport;

public enum AzuritePersistence
{
    /// <summary><c>--inMemoryPersistence</c>: fast, and a restart starts empty.</summary>
    InMemory,

    /// <summary><c>--location</c> in the fixture's temporary folder: a restart keeps tables and queues, as Azure storage would.</summary>
    Disk,
}
