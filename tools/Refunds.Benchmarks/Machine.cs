using System.Runtime.InteropServices;

namespace Refunds.Benchmarks;

internal static class Machine
{
    /// <summary>The machine is shared: other work running at the same time shows up here and in the numbers.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? "load average " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "load average unknown";

    public static string Describe()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return $"Machine: {Environment.ProcessorCount} logical CPUs, {memory:0.0} GiB memory, {RuntimeInformation.OSDescription}, " +
            $"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}; at start: {LoadAverage()}";
    }
}
