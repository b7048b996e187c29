using HtmCloud.Grains.Models;

namespace HtmCloud.Grains.Durability;

/// <summary>A batch read back from the input log: its first sequence number, records and idempotency key.</summary>
public sealed record LoggedBatch(long FirstSeq, RecordBatch Batch, string? IdempotencyKey);
