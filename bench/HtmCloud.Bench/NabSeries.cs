using System.Globalization;

namespace HtmCloud.Bench;

/// <summary>One NAB data file: timestamps and values in row order (duplicates and disorder kept as they are).</summary>
internal sealed record NabSeries(string Name, DateTime[] Timestamps, double[] Values)
{
    public static NabSeries Load(string path)
    {
        var times = new List<DateTime>();
        var values = new List<double>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0) continue;
            int comma = line.IndexOf(',');
            times.Add(DateTime.ParseExact(line[..comma], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            values.Add(double.Parse(line[(comma + 1)..], CultureInfo.InvariantCulture));
        }
        return new NabSeries(Path.GetFileNameWithoutExtension(path), times.ToArray(), values.ToArray());
    }

    /// <summary>The bench's own NAB copy, found from the working folder or the binary's folder upwards.</summary>
    public static string CorpusRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "bench", "nab");
                if (Directory.Exists(Path.Combine(candidate, "data"))) return candidate;
            }
        throw new DirectoryNotFoundException("bench/nab not found above the working folder.");
    }
}
