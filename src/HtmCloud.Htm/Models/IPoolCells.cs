namespace HtmCloud.Htm.Models;

/// <summary>Where a <see cref="PoolResult"/> reads a step's cells and raw anomaly: the memory, or a sharded pool's coordinator.</summary>
internal interface IPoolCells
{
    ReadOnlySpan<int> ActiveCells { get; }
    ReadOnlySpan<int> WinnerCells { get; }
    ReadOnlySpan<int> PredictiveCells { get; }
    float Anomaly { get; }
}
