namespace HtmCloud.Htm.Models;

/// <summary>What a pool fed by another pool receives as its input SDR.</summary>
public enum PoolInputKind
{
    /// <summary>The source pool's active columns.</summary>
    ActiveColumns,

    /// <summary>The source pool's active cells (columns × cells per column bits).</summary>
    ActiveCells,

    /// <summary>The source pool's winner cells (columns × cells per column bits).</summary>
    WinnerCells,
}
