namespace HtmCloud.Bench.Nab;

/// <summary>A detector's corpus score under one profile at one threshold, with per-file and per-category breakdowns.</summary>
public sealed record NabProfileScore(
    NabProfile Profile,
    double Threshold,
    double RawScore,
    double NormalisedScore,
    IReadOnlyList<NabFileScore> Files,
    IReadOnlyList<NabCategoryScore> Categories)
{
    public int TruePositives => Files.Sum(f => f.TruePositives);
    public int TrueNegatives => Files.Sum(f => f.TrueNegatives);
    public int FalsePositives => Files.Sum(f => f.FalsePositives);
    public int FalseNegatives => Files.Sum(f => f.FalseNegatives);
    public int TotalCount => Files.Sum(f => f.TotalCount);
    public int WindowsDetected => Files.Sum(f => f.WindowsDetected);
    public int Windows => Files.Sum(f => f.Windows);

    public NabFileScore File(string key) => Files.FirstOrDefault(f => f.Key == key)
        ?? throw new KeyNotFoundException($"No score for '{key}'.");
}
