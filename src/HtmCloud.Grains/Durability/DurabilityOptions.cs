namespace HtmCloud.Grains.Durability;

/// <summary>When models checkpoint, how long they stay active when idle, which checkpoints are kept (section <c>Durability</c>).</summary>
public sealed record DurabilityOptions
{
    public int CheckpointEveryRecords { get; init; } = 1_000;
    public int CheckpointEverySeconds { get; init; } = 300;
    public int IdleSeconds { get; init; } = 600;

    /// <summary>Newest checkpoints always kept.</summary>
    public int KeepLatest { get; init; } = 5;

    /// <summary>Beyond those, the newest checkpoint of each of this many past UTC days is kept.</summary>
    public int KeepDaily { get; init; } = 7;
}
