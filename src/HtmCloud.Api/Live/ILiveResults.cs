using HtmCloud.Contracts.Models;

namespace HtmCloud.Api.Live;

/// <summary>
/// Fan-out of processed records to live viewers (<c>GET /v1/models/{id}/stream</c>). The default is in-process
/// (<see cref="InProcessLiveResults"/>); a multi-node host can register another implementation before <c>AddHtmLive</c>.
/// </summary>
public interface ILiveResults
{
    /// <summary>Hands a processed batch, in sequence order, to the model's subscribers; never blocks on a slow one.</summary>
    void Publish(Guid modelId, IReadOnlyList<LiveRecord> records);

    /// <summary>The model's records from now on, buffered up to <paramref name="capacity"/> (the oldest are dropped first).</summary>
    ILiveSubscription Subscribe(Guid modelId, int capacity);
}
