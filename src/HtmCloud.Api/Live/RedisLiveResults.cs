using HtmCloud.Api.Cluster;
using HtmCloud.Contracts.Models;
using StackExchange.Redis;

namespace HtmCloud.Api.Live;

/// <summary>
/// Live results across a <c>Cluster=Redis</c> cluster: a batch processed here reaches this node's viewers at once and
/// goes to the Redis channel <c>{ClusterId}:live:{model}</c>; a node subscribes to a model's channel while it has
/// viewers of that model and hands what other nodes publish to them. Per viewer it is the same bounded drop-oldest
/// buffer as <see cref="InProcessLiveResults"/>, and publishing never waits on Redis (<see cref="RedisLivePublisher"/>).
/// </summary>
public sealed class RedisLiveResults : ILiveResults, IAsyncDisposable
{
    private readonly InProcessLiveResults _local = new();
    private readonly RedisConnection _redis;
    private readonly string _prefix;
    private readonly Guid _node = Guid.NewGuid();
    private readonly ILogger<RedisLiveResults> _logger;
    private readonly RedisLivePublisher _publisher;
    // Redis subscriptions per watched model, with their number of local viewers; changed only under _gate.
    private readonly Dictionary<Guid, (ChannelMessageQueue Queue, int Viewers)> _watched = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public RedisLiveResults(RedisConnection redis, string clusterId, ILogger<RedisLiveResults> logger)
    {
        (_redis, _prefix, _logger) = (redis, $"{clusterId}:live:", logger);
        _publisher = new RedisLivePublisher(redis, Channel, _node, logger);
    }

    /// <summary>Batches not sent to Redis so far (queue full or Redis unreachable); this node's own viewers still got them.</summary>
    public long DroppedBatches => _publisher.Dropped;

    public RedisChannel Channel(Guid model) => RedisChannel.Literal(_prefix + model.ToString("N"));

    public void Publish(Guid modelId, IReadOnlyList<LiveRecord> records)
    {
        _local.Publish(modelId, records);
        _publisher.Enqueue(modelId, records);
    }

    public async ValueTask<ILiveSubscription> SubscribeAsync(Guid modelId, int capacity, CancellationToken cancellationToken)
    {
        // Local first: nothing this node publishes while Redis subscribes is missed.
        var local = _local.Subscribe(modelId, capacity);
        try
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (_watched.TryGetValue(modelId, out var watched))
                {
                    _watched[modelId] = watched with { Viewers = watched.Viewers + 1 };
                }
                else
                {
                    var connection = await _redis.GetAsync();
                    var queue = await connection.GetSubscriber().SubscribeAsync(Channel(modelId));
                    queue.OnMessage(message => Deliver(modelId, message)); // one message at a time: batches stay in order
                    _watched[modelId] = (queue, 1);
                }
            }
            finally
            {
                _gate.Release();
            }
        }
        catch
        {
            local.Dispose();
            throw;
        }
        return new Subscription(local, () => _ = ReleaseAsync(modelId));
    }

    private void Deliver(Guid modelId, ChannelMessage message)
    {
        try
        {
            byte[]? payload = message.Message;
            if (payload is null || LiveWire.Node(payload) == _node) return;
            _local.Publish(modelId, LiveWire.Records(payload));
        }
        catch (Exception e) // a bad message must not end the subscription for the viewers behind it
        {
            _logger.LogWarning("A live result message for model {Model} could not be read: {Error}", modelId, e.Message);
        }
    }

    private async Task ReleaseAsync(Guid modelId)
    {
        try
        {
            await _gate.WaitAsync();
            try
            {
                if (!_watched.TryGetValue(modelId, out var watched)) return;
                if (watched.Viewers > 1)
                {
                    _watched[modelId] = watched with { Viewers = watched.Viewers - 1 };
                    return;
                }
                _watched.Remove(modelId);
                await watched.Queue.UnsubscribeAsync();
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception e) // Redis drops a dead connection's subscriptions anyway; a leftover one only costs traffic
        {
            _logger.LogWarning("Unsubscribing from live results of model {Model} failed: {Error}", modelId, e.Message);
        }
    }

    public ValueTask DisposeAsync() => _publisher.DisposeAsync();

    private sealed class Subscription(ILiveSubscription local, Action release) : ILiveSubscription
    {
        private int _disposed;

        public System.Threading.Channels.ChannelReader<LiveRecord> Reader => local.Reader;

        public long Dropped => local.Dropped;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            local.Dispose();
            release();
        }
    }
}
