namespace HtmCloud.Data.Durability;

/// <summary>One accepted batch of a model's records (table <c>input_log</c>): sequence numbers [FirstSeq, FirstSeq + Count).</summary>
public sealed class InputLogEntry
{
    public long Id { get; set; }
    public Guid ModelId { get; set; }
    public long FirstSeq { get; set; }
    public int Count { get; set; }

    /// <summary>The batch's records, in the grains' binary form.</summary>
    public required byte[] Payload { get; set; }

    /// <summary>The request's Idempotency-Key, so a retry after a crash returns the replayed results.</summary>
    public string? IdempotencyKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
