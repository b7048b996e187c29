namespace HtmCloud.Bench.Nab;

/// <summary>A labelled anomaly window as inclusive row indices (first row of its start and end timestamps).</summary>
public readonly record struct NabWindow(int Start, int End)
{
    public int Width => End - Start + 1;
}
