namespace HtmCloud.Bench;

/// <summary>Reads the process's resident memory from /proc (Linux).</summary>
internal static class ProcessMemory
{
    public static double PeakRssMb => ReadKb("VmHWM:") / 1024.0;
    public static double RssMb => ReadKb("VmRSS:") / 1024.0;

    private static long ReadKb(string key)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line[key.Length..].Trim().Split(' ')[0]);
        return 0;
    }
}
