using HtmCloud.Grains.Pools;

namespace HtmCloud.Grains.Models;

/// <summary>One processed record: its sequence number, timestamp and every pool's output (in graph order).</summary>
[GenerateSerializer, Immutable]
public sealed record RecordOutcome(
    [property: Id(0)] long Seq,
    [property: Id(1)] DateTime? Timestamp,
    [property: Id(2)] PoolStepOutcome[] Pools);
