namespace HtmCloud.Grains.Pools;

/// <summary>A shard's best columns for one record (global-inhibition keys) and its largest overlap duty cycle.</summary>
[GenerateSerializer, Immutable]
public sealed record ShardCandidates([property: Id(0)] long[] Keys, [property: Id(1)] float MaxOverlapDutyCycle);
