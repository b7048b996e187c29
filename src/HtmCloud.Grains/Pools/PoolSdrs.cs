namespace HtmCloud.Grains.Pools;

/// <summary>Which SDR arrays a pool outcome carries; the rest are left null to save copying.</summary>
[Flags]
public enum PoolSdrs
{
    None = 0,
    ActiveColumns = 1,
    ActiveCells = 2,
    WinnerCells = 4,
    PredictiveCells = 8,
    All = ActiveColumns | ActiveCells | WinnerCells | PredictiveCells,
}
