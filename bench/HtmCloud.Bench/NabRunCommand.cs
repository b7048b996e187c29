using System.Diagnostics;
using System.Globalization;
using HtmCloud.Htm.Models;

namespace HtmCloud.Bench;

/// <summary>
/// `nab [--out DIR] [--seed N] [--only SUBSTRING]`: streams every NAB file through the scalar-anomaly
/// detector (files in parallel, one core each), writes NAB-layout results and scores them.
/// </summary>
internal static class NabRunCommand
{
    public const string DetectorName = "htmcloud";

    public static int Run(string[] args)
    {
        string root = NabSeries.CorpusRoot();
        string output = Option(args, "--out") ?? Path.Combine(Path.GetTempPath(), "htmcloud-nab-results");
        ulong seed = ulong.Parse(Option(args, "--seed") ?? "1", CultureInfo.InvariantCulture);
        string? only = Option(args, "--only");
        var overrides = ParameterOverrides.Parse(args);
        bool spatial = !args.Contains("--no-spatial");
        var files = Directory.GetFiles(Path.Combine(root, "data"), "*.csv", SearchOption.AllDirectories)
            .Where(f => only is null || f.Contains(only, StringComparison.Ordinal))
            .OrderByDescending(f => new FileInfo(f).Length)
            .ToArray();

        var clock = Stopwatch.StartNew();
        var scores = new System.Collections.Concurrent.ConcurrentDictionary<string, double[]>();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, file =>
        {
            var series = NabSeries.Load(file);
            string key = $"{Path.GetFileName(Path.GetDirectoryName(file))}/{Path.GetFileName(file)}";
            scores[key] = Detect(series, seed, overrides, spatial);
        });
        double seconds = clock.Elapsed.TotalSeconds;
        WriteResults(root, output, scores);
        Console.WriteLine($"nab: seed {seed}, overrides {overrides}, spatial rule {(spatial ? "on" : "off")}");
        Console.WriteLine($"nab: {files.Length} files, {scores.Values.Sum(s => s.Length)} rows in {seconds:F1} s on {Environment.ProcessorCount} cores; results in {Path.Combine(output, DetectorName)}");
        return NabScoring.Report(root, scores);
    }

    /// <summary>One score per row, as the detector sees the file: streaming, no look-ahead but the file's range.</summary>
    public static double[] Detect(NabSeries series, ulong seed, ParameterOverrides? overrides = null, bool spatial = true)
    {
        int rows = series.Values.Length;
        int probation = Math.Min((int)Math.Floor(0.15 * rows), 750);
        var parameters = ScalarAnomalyTemplate.Parameters(series.Values.Min(), series.Values.Max(), probation, seed);
        if (overrides is not null) parameters = overrides.Apply(parameters);
        var detector = new ScalarAnomalyDetector(parameters, spatial);
        var scores = new double[rows];
        for (int i = 0; i < rows; i++) scores[i] = detector.Compute(series.Values[i], series.Timestamps[i]);
        return scores;
    }

    private static void WriteResults(string root, string output, IReadOnlyDictionary<string, double[]> scores)
    {
        foreach (var (key, values) in scores)
        {
            string category = key[..key.IndexOf('/')], name = Path.GetFileNameWithoutExtension(key[(key.IndexOf('/') + 1)..]);
            var series = NabSeries.Load(Path.Combine(root, "data", key));
            string folder = Path.Combine(output, DetectorName, category);
            Directory.CreateDirectory(folder);
            using var writer = new StreamWriter(Path.Combine(folder, $"{DetectorName}_{name}.csv"));
            writer.WriteLine("timestamp,anomaly_score");
            for (int i = 0; i < values.Length; i++)
                writer.WriteLine($"{series.Timestamps[i]:yyyy-MM-dd HH:mm:ss},{values[i].ToString("R", CultureInfo.InvariantCulture)}");
        }
    }

    private static string? Option(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
