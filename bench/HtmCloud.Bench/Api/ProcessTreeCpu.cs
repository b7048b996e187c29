namespace HtmCloud.Bench.Api;

/// <summary>CPU seconds (user + system) used so far by a process and its descendants, and their memory, read from /proc (Linux).</summary>
internal static class ProcessTreeCpu
{
    private static readonly double TicksPerSecond = 100; // USER_HZ; 100 on every Linux this runs on

    public static double Seconds(int pid)
    {
        double total = 0;
        var pending = new Stack<int>([pid]);
        while (pending.TryPop(out int p))
        {
            total += OwnSeconds(p);
            foreach (var task in SafeDirectories($"/proc/{p}/task"))
            {
                string children = SafeRead(Path.Combine(task, "children"));
                foreach (var child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries)) pending.Push(int.Parse(child));
            }
        }
        return total;
    }

    /// <summary>A field of /proc/&lt;pid&gt;/status (e.g. VmRSS in kB, Threads) of the descendant with the most memory whose command line contains <paramref name="command"/> (0 if none).</summary>
    public static long DescendantStatus(int pid, string command, string field)
    {
        long rss = -1, value = 0;
        var pending = new Stack<int>(Children(pid));
        while (pending.TryPop(out int p))
        {
            if (SafeRead($"/proc/{p}/cmdline").Contains(command, StringComparison.Ordinal))
            {
                var status = SafeRead($"/proc/{p}/status").Split('\n');
                long own = StatusValue(status, "VmRSS:");
                if (own > rss) (rss, value) = (own, StatusValue(status, field + ":"));
            }
            foreach (int child in Children(p)) pending.Push(child);
        }
        return value;
    }

    private static long StatusValue(string[] status, string key)
    {
        foreach (var line in status)
            if (line.StartsWith(key, StringComparison.Ordinal)) return long.Parse(line[key.Length..].Trim().Split(' ')[0]);
        return 0;
    }

    private static IEnumerable<int> Children(int pid) =>
        SafeDirectories($"/proc/{pid}/task").SelectMany(task => SafeRead(Path.Combine(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(int.Parse);

    // Fields 14 and 15 of /proc/<pid>/stat, counted after the ")" that ends the command name.
    private static double OwnSeconds(int pid)
    {
        string stat = SafeRead($"/proc/{pid}/stat");
        int close = stat.LastIndexOf(')');
        if (close < 0) return 0;
        var fields = stat[(close + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond;
    }

    private static string SafeRead(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return ""; }
        catch (UnauthorizedAccessException) { return ""; }
    }

    private static string[] SafeDirectories(string path)
    {
        try { return Directory.GetDirectories(path); }
        catch (IOException) { return []; }
    }
}
