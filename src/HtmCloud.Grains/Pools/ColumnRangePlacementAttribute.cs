using Orleans.Placement;

namespace HtmCloud.Grains.Pools;

/// <summary>Marks a grain keyed "<c>…/{shardIndex}</c>" for <see cref="ColumnRangePlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ColumnRangePlacementAttribute() : PlacementAttribute(ColumnRangePlacement.Instance);
