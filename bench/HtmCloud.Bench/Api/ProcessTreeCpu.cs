namespace HtmCloud.Bench.Api;

/// <summary>CPU seconds (user + system) used so far by a process and its descendants, read from /proc (Linux).</summary>
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
