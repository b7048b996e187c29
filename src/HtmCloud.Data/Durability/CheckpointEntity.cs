namespace HtmCloud.Data.Durability;

/// <summary>A model's whole state after record <see cref="Seq"/> (table <c>checkpoints</c>).</summary>
public sealed class CheckpointEntity
{
    public Guid Id { get; set; }
    public Guid ModelId { get; set; }
    public long Seq { get; set; }
    public int FormatVersion { get; set; }
    public long Size { get; set; }
    public required byte[] Data { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
