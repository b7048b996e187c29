using System.Diagnostics;
using HtmCloud.Bench.Nab;

using static HtmCloud.Bench.BenchArgs;

namespace HtmCloud.Bench;

/// <summary>
/// `score --detector DIR [--name NAME] [--corpus ROOT]`: scores a NAB-layout results folder with the
/// exhaustive threshold optimiser and, when config/thresholds.json lists the detector, at NAB's published
/// thresholds; the last line is the optimiser's `nab standard=.. low_fp=.. low_fn=..`.
/// </summary>
internal static class ScoreCommand
{
    public static int Run(string[] args)
    {
        string? detectorDir = Option(args, "--detector");
        if (detectorDir is null)
        {
            Console.Error.WriteLine("usage: HtmCloud.Bench score --detector DIR [--name NAME] [--corpus ROOT]");
            return 2;
        }
        detectorDir = Path.GetFullPath(detectorDir);
        string name = Option(args, "--name") ?? Path.GetFileName(detectorDir.TrimEnd(Path.DirectorySeparatorChar));
        try
        {
            var clock = Stopwatch.StartNew();
            var corpus = NabCorpus.Load(Option(args, "--corpus") ?? NabCorpus.LocateRoot());
            double loadCorpus = clock.Elapsed.TotalSeconds;
            var scores = NabResultsFolder.Read(detectorDir, name, corpus);
            double loadResults = clock.Elapsed.TotalSeconds - loadCorpus;
            clock.Restart();
            var optimised = NabScorer.Score(corpus, scores, name);
            double optimise = clock.Elapsed.TotalSeconds;
            var published = NabPublishedThresholds.For(corpus, name);
            if (published is not null)
            {
                var atPublished = NabScorer.ScoreAtThresholds(corpus, scores, published.ToDictionary(p => p.Key, p => p.Value.Threshold), name);
                Console.WriteLine(atPublished.Format());
                Console.WriteLine($"  (published normalised scores come from these thresholds; NAB found them with an older local search)");
                Console.WriteLine();
            }
            Console.WriteLine(optimised.Format());
            Console.WriteLine($"timings: corpus {loadCorpus:F2} s, results {loadResults:F2} s, scoring with exhaustive search {optimise:F2} s");
            Console.WriteLine(optimised.SummaryLine);
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or FormatException or KeyNotFoundException)
        {
            Console.Error.WriteLine($"score: {e.Message}");
            return 1;
        }
    }
}
