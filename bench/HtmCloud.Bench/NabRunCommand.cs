using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HtmCloud.Bench.Nab;
using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Models;

using static HtmCloud.Bench.BenchArgs;

namespace HtmCloud.Bench;

/// <summary>
/// `nab [--out DIR] [--seed N] [--only SUBSTRING] [--no-spatial] [--per-file] [--set target.Property=value …]`: streams
/// every NAB file through the scalar-anomaly detector (files in parallel, one core each), writes NAB-layout
/// results and scores them with the exhaustive threshold search. `nab --detector DIR` scores a results folder instead.
/// </summary>
internal static class NabRunCommand
{
    public const string DetectorName = "htmcloud";

    public static int Run(string[] args)
    {
        // `nab --detector DIR` scores an existing results folder instead of running our detector.
        if (args.Contains("--detector")) return ScoreCommand.Run(args);
        var corpus = NabCorpus.LoadDefault();
        string output = Option(args, "--out") ?? Path.Combine(Path.GetTempPath(), "htmcloud-nab-results");
        ulong seed = ulong.Parse(Option(args, "--seed") ?? "1", CultureInfo.InvariantCulture);
        string? only = Option(args, "--only");
        var overrides = ParameterOverrides.Parse(args);
        bool spatial = !args.Contains("--no-spatial");
        var files = corpus.Files
            .Where(f => only is null || f.Key.Contains(only, StringComparison.Ordinal))
            .OrderByDescending(f => f.RowCount)
            .ToArray();

        var clock = Stopwatch.StartNew();
        var scores = new ConcurrentDictionary<string, double[]>();
        Parallel.ForEach(files, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            file => scores[file.Key] = Detect(file, seed, overrides, spatial));
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"nab: seed {seed}, overrides {overrides}, spatial rule {(spatial ? "on" : "off")}");
        Console.WriteLine($"nab: {files.Length} files, {files.Sum(f => f.RowCount)} rows in {seconds:F1} s on {Environment.ProcessorCount} cores");
        if (files.Length < corpus.Files.Count) corpus = new NabCorpus(files, corpus.Profiles, corpus.Root);
        Console.WriteLine($"nab: results in {NabResultsFolder.Write(output, DetectorName, corpus, scores)}");
        var report = NabScorer.Score(corpus, scores, DetectorName);
        Console.WriteLine(report.Format());
        if (args.Contains("--per-file"))
            foreach (var f in report[NabProfile.StandardName].Files)
                Console.WriteLine($"file {f.Key} score={f.Score:F3} tp={f.TruePositives} fp={f.FalsePositives} windows={f.WindowsDetected}/{f.Windows}");
        Console.WriteLine(report.SummaryLine);
        return 0;
    }

    /// <summary>One score per row, as a streaming detector sees the file: no look-ahead except the file's range.</summary>
    public static double[] Detect(NabFile file, ulong seed, ParameterOverrides? overrides = null, bool spatial = true)
    {
        var parameters = ScalarAnomalyTemplate.Parameters(file.Values.Min(), file.Values.Max(), file.ProbationaryLength, seed);
        if (overrides is not null) parameters = overrides.Apply(parameters);
        if (!spatial) parameters = parameters with { SpatialTolerance = null };
        var model = new HtmModel(parameters);
        var record = new FieldValue[2];
        var scores = new double[file.RowCount];
        for (int i = 0; i < scores.Length; i++)
        {
            record[0] = file.Values[i];
            record[1] = file.Timestamps[i];
            scores[i] = model.Compute(record).AnomalyScore;
        }
        return scores;
    }
}
