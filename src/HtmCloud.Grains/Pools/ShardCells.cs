namespace HtmCloud.Grains.Pools;

/// <summary>A shard's active and winner cells for one record, and how many of its active columns were predicted.</summary>
[GenerateSerializer, Immutable]
public sealed record ShardCells(
    [property: Id(0)] int[] ActiveCells, [property: Id(1)] int[] WinnerCells, [property: Id(2)] int ActiveColumns, [property: Id(3)] int PredictedColumns);
