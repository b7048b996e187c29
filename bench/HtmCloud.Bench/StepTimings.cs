namespace HtmCloud.Bench;

/// <summary>Per-step durations in milliseconds and their summary.</summary>
internal sealed class StepTimings(int capacity)
{
    private readonly double[] _ms = new double[capacity];
    private int _count;

    public void Add(long startTicks, long endTicks) =>
        _ms[_count++] = (endTicks - startTicks) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;

    public double Mean => _ms.AsSpan(0, _count).ToArray().Average();
    public double Median => Percentile(0.5);
    public double P99 => Percentile(0.99);

    public double Percentile(double q) => Percentiles.Of(_ms.AsSpan(0, _count), q);

    public string Summary => $"mean {Mean:F4}  p50 {Median:F4}  p99 {P99:F4} ms";
}
