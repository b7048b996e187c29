using HtmCloud.Grains.Models;

namespace HtmCloud.Grains.Pools;

/// <summary>
/// Inputs of several consecutive records for one pool: either its fields (row-major) or the feed from its
/// source pool, plus optional external cells per record (group peers' previous winners).
/// </summary>
[GenerateSerializer, Immutable]
public sealed class PoolStepInput
{
    [Id(0)] public int Count { get; init; }
    [Id(1)] public RecordValue[]? Values { get; init; }
    [Id(2)] public int[][]? Feeds { get; init; }
    [Id(3)] public int[][]? External { get; init; }

    /// <summary>SDRs to return for every record; the last record always returns all (the model's state).</summary>
    [Id(4)] public PoolSdrs Wanted { get; init; } = PoolSdrs.All;

    /// <summary>Records the pool must already have processed; anything else means its state was lost.</summary>
    [Id(5)] public long FirstStep { get; init; }
}
