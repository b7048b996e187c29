using HtmCloud.Grains.Durability;
using HtmCloud.Grains.Models;

namespace HtmCloud.Grains.Ports;

/// <summary>A model's durable input log (the host implements it over the database).</summary>
public interface IInputLog
{
    /// <summary>Appends one batch (one row) holding sequence numbers [firstSeq, firstSeq + batch.Count).</summary>
    Task AppendAsync(Guid modelId, long firstSeq, RecordBatch batch, string? idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Batches whose first sequence number is above <paramref name="afterSeq"/>, in order.</summary>
    Task<IReadOnlyList<LoggedBatch>> ReadAfterAsync(Guid modelId, long afterSeq, CancellationToken cancellationToken = default);

    /// <summary>Deletes batches that end at or before <paramref name="throughSeq"/>.</summary>
    Task TrimThroughAsync(Guid modelId, long throughSeq, CancellationToken cancellationToken = default);

    /// <summary>Deletes batches that start after <paramref name="afterSeq"/> (a restore to an earlier point).</summary>
    Task DiscardAfterAsync(Guid modelId, long afterSeq, CancellationToken cancellationToken = default);
}
