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

    /// <summary>CPU seconds used so far by this process's children and their children (Azurite), from /proc; 0 elsewhere.</summary>
    public static double ChildrenCpuSeconds()
    {
        if (!Directory.Exists("/proc"))
        {
            return 0;
        }

        var stats = new List<(int Pid, int Parent, long Ticks)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                // Fields after the command name (which may hold spaces): state ppid ... utime(14) stime(15).
                var text = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                stats.Add((pid, int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture),
                    long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture)));
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        var family = new HashSet<int> { Environment.ProcessId };
        var ticks = 0L;
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, parent, used) in stats.Where(s => !family.Contains(s.Pid) && family.Contains(s.Parent)).ToList())
            {
                family.Add(pid);
                ticks += used;
                grew = true;
            }
        }

        return ticks / 100.0;
    }
}
