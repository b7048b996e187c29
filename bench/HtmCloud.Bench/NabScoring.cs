using HtmCloud.Bench.Nab;

namespace HtmCloud.Bench;

/// <summary>Scores in-memory NAB results with the exhaustive threshold search and prints the report.</summary>
internal static class NabScoring
{
    public static int Report(string root, IReadOnlyDictionary<string, double[]> scores)
    {
        var report = NabScorer.Score(NabCorpus.Load(root), scores, NabRunCommand.DetectorName);
        Console.WriteLine(report.Format());
        Console.WriteLine(report.SummaryLine);
        return 0;
    }
}
