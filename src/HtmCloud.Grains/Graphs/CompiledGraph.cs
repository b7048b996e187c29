using HtmCloud.Contracts.Graphs;
using HtmCloud.Htm.Models;

namespace HtmCloud.Grains.Graphs;

/// <summary>A validated graph document with its engine wiring.</summary>
public sealed record CompiledGraph(PoolGraphDocument Document, PoolGraphPlan Plan)
{
    /// <summary>Index of the pool whose figures head each result.</summary>
    public int AnomalyPool => Document.Outputs.AnomalyPool is { } name ? Plan.Parameters.IndexOf(name) : 0;

    /// <summary>Column shards of a pool, or 0 when one pool grain holds it whole.</summary>
    public int ShardsOf(int pool) => Document.Pools[pool].Shards ?? 0;

    /// <summary>Index of the timestamp field in a record, or −1.</summary>
    public int TimestampIndex => Document.TimestampField is { } name ? Document.Fields.ToList().FindIndex(f => f.Name == name) : -1;
}
