using HtmCloud.Contracts.Models;

namespace HtmCloud.Api.Live;

/// <summary>
/// Fan-out of processed records to live viewers (<c>GET /v1/models/{id}/stream</c>). The default is in-process
/// (<see cref="InProcessLiveResults"/>); <c>Cluster=Redis</c> fans out over Redis pub/sub (<see cref="RedisLiveResults"/>).
/// </summary>
public interface ILiveResults
{
    /// <summary>Hands a processed batch, in sequence order, to the model's subscribers; never blocks on a slow one.</summary>
    void Publish(Guid modelId, IReadOnlyList<LiveRecord> records);

    /// <summary>
    /// The model's records from now on, buffered up to <paramref name="capacity"/> (the oldest are dropped first);
    /// complete once every node's records for the model will reach it.
    /// </summary>
    ValueTask<ILiveSubscription> SubscribeAsync(Guid modelId, int capacity, CancellationToken cancellationToken);
}
