using Refunds.Benchmarks;

// On-demand benchmarks of the real app against Azurite and the Stripe stand-in; see BENCHMARKS.md.
//   dotnet run -c Release --project tools/Refunds.Benchmarks -- latency --count 50
//   dotnet run -c Release --project tools/Refunds.Benchmarks -- overhead --count 50
//   dotnet run -c Release --project tools/Refunds.Benchmarks -- bulk --refunds 2000 --orgs 20 --accounts 1 --rate 25
//   dotnet run -c Release --project tools/Refunds.Benchmarks -- webhooks --events 5000 --concurrency 16
//   dotnet run -c Release --project tools/Refunds.Benchmarks -- partitions --orgs 100
//   dotnet run -c Release --project tools/Refunds.Benchmarks -- durable-latency --count 20
//   dotnet run -c Release --project tools/Refunds.Benchmarks -- storage --count 20
//   dotnet run -c Release --project tools/Refunds.Benchmarks -- reconcile --refunds 10000 --accounts 20
//   dotnet run -c Release --project tools/Refunds.Benchmarks -- listing --settled 10000 --orgs 100 --attention 50
BenchArgs parsed;
try
{
    parsed = BenchArgs.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

Console.WriteLine(Machine.Describe());
var exitCode = parsed.Scenario switch
{
    "latency" => await LatencyScenario.RunAsync(parsed),
    "overhead" => await OverheadScenario.RunAsync(parsed),
    "bulk" => await BulkScenario.RunAsync(parsed),
    "webhooks" => await WebhookScenario.RunAsync(parsed),
    "partitions" => await PartitionScenario.RunAsync(parsed),
    "durable-latency" => await DurableLatencyScenario.RunAsync(parsed),
    "storage" => await StorageScenario.RunAsync(parsed),
    "reconcile" => await ReconcileScenario.RunAsync(parsed),
    "listing" => await ListingScenario.RunAsync(parsed),
    _ => Unknown(parsed.Scenario),
};
Console.WriteLine($"At the end: {Machine.LoadAverage()}; this process used {System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds:0} s of CPU (Azurite, a child process, not counted)");
return exitCode;

static int Unknown(string scenario)
{
    Console.Error.WriteLine($"Unknown scenario '{scenario}': use latency, overhead, bulk, webhooks, partitions, durable-latency, storage, reconcile or listing.");
    return 2;
}
