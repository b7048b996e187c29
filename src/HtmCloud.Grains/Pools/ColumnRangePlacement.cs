namespace HtmCloud.Grains.Pools;

/// <summary>
/// Places column shard <c>i</c> of a pool on the <c>i mod n</c>-th of the cluster's <c>n</c> silos (ordered by
/// address), so a pool's column ranges spread over the nodes instead of wherever load statistics point.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class ColumnRangePlacement : PlacementStrategy
{
    public static ColumnRangePlacement Instance { get; } = new();
}
