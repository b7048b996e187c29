namespace HtmCloud.Grains.Durability;

/// <summary>A stored checkpoint: the model state after record <see cref="Seq"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record CheckpointInfo(
    [property: Id(0)] Guid Id,
    [property: Id(1)] long Seq,
    [property: Id(2)] long Size,
    [property: Id(3)] DateTimeOffset CreatedAt);
