using System.Threading.Channels;
using HtmCloud.Api.Cluster;
using HtmCloud.Contracts.Models;
using StackExchange.Redis;

namespace HtmCloud.Api.Live;

/// <summary>
/// Sends this node's processed batches to their model's Redis channel from one background loop, in the order they
/// were handed over. The hand-over never waits: past <see cref="Capacity"/> queued batches the oldest is dropped,
/// and while Redis is unreachable batches are dropped rather than piled up in the connection's backlog.
/// </summary>
internal sealed class RedisLivePublisher : IAsyncDisposable
{
    public const int Capacity = 4096;
    private readonly Channel<(Guid Model, IReadOnlyList<LiveRecord> Records)> _queue;
    private readonly RedisConnection _redis;
    private readonly Func<Guid, RedisChannel> _channel;
    private readonly Guid _node;
    private readonly ILogger _logger;
    private readonly Task _pump;
    private long _dropped;

    public RedisLivePublisher(RedisConnection redis, Func<Guid, RedisChannel> channel, Guid node, ILogger logger)
    {
        (_redis, _channel, _node, _logger) = (redis, channel, node, logger);
        var options = new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true };
        _queue = Channel.CreateBounded<(Guid, IReadOnlyList<LiveRecord>)>(options, _ => Drop());
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Batches dropped so far (queue full or Redis unreachable).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Enqueue(Guid model, IReadOnlyList<LiveRecord> records) => _queue.Writer.TryWrite((model, records));

    private async Task PumpAsync()
    {
        await foreach (var (model, records) in _queue.Reader.ReadAllAsync())
        {
            try
            {
                var connection = await _redis.GetAsync();
                if (!connection.IsConnected)
                {
                    Drop();
                    continue;
                }
                // Fire-and-forget keeps one slow round trip from holding up the batches behind it; one connection keeps them in order.
                await connection.GetSubscriber().PublishAsync(_channel(model), LiveWire.Encode(_node, records), CommandFlags.FireAndForget);
            }
            catch (Exception e) // the loop must outlive any one batch: a dead pump would silence every stream
            {
                Drop();
                _logger.LogWarning("Live results of model {Model} were not published to Redis: {Error}", model, e.Message);
            }
        }
    }

    private void Drop()
    {
        long dropped = Interlocked.Increment(ref _dropped);
        // Powers of two: a lasting outage is visible in the log without a line per batch.
        if ((dropped & (dropped - 1)) == 0) _logger.LogWarning("{Dropped} live result batches dropped so far on the way to Redis", dropped);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _pump.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // Shutting down: what is still queued is live data nobody can replay anyway.
        }
    }
}
