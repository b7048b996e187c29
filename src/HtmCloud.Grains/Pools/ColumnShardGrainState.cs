using HtmCloud.Htm.Models;

namespace HtmCloud.Grains.Pools;

/// <summary>A column shard's in-memory state: its engine range and where it is within a record's three calls.</summary>
public sealed class ColumnShardGrainState(ColumnShard shard)
{
    public ColumnShard Shard { get; } = shard;

    /// <summary>0 = between records, 1 = overlaps computed, 2 = cells activated.</summary>
    public int Phase { get; set; }
}
