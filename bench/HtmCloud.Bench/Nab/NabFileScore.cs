namespace HtmCloud.Bench.Nab;

/// <summary>
/// One file's NAB score at a threshold, with NAB's row counts over non-probationary rows
/// (TP/FN: detected/undetected rows inside windows, FP/TN: outside).
/// </summary>
public sealed record NabFileScore(
    string Key,
    double Threshold,
    double Score,
    int TruePositives,
    int TrueNegatives,
    int FalsePositives,
    int FalseNegatives,
    int WindowsDetected,
    int Windows)
{
    /// <summary>Rows that count: N − probationary length.</summary>
    public int TotalCount => TruePositives + TrueNegatives + FalsePositives + FalseNegatives;
}
