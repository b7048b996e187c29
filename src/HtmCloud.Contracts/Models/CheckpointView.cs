namespace HtmCloud.Contracts.Models;

/// <summary>A stored checkpoint: the model's state after record <see cref="Seq"/>.</summary>
public sealed record CheckpointView(Guid Id, long Seq, long Size, DateTimeOffset CreatedAt);
