using System.Collections.Immutable;
using System.Threading.Channels;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Api.Live;

/// <summary>Live results within one process: a bounded drop-oldest channel per subscriber, so publishing never waits.</summary>
public sealed class InProcessLiveResults : ILiveResults
{
    private readonly Lock _gate = new();
    private ImmutableDictionary<Guid, ImmutableArray<Subscription>> _subscribers = ImmutableDictionary<Guid, ImmutableArray<Subscription>>.Empty;

    public void Publish(Guid modelId, IReadOnlyList<LiveRecord> records)
    {
        // A lock-free read of an immutable snapshot: the ingest path never contends with (un)subscribing viewers.
        if (!Volatile.Read(ref _subscribers).TryGetValue(modelId, out var subscribers)) return;
        foreach (var subscriber in subscribers)
        {
            foreach (var record in records) subscriber.Offer(record);
        }
    }

    public ValueTask<ILiveSubscription> SubscribeAsync(Guid modelId, int capacity, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Subscribe(modelId, capacity));

    public ILiveSubscription Subscribe(Guid modelId, int capacity)
    {
        var subscription = new Subscription(this, modelId, Math.Max(1, capacity));
        lock (_gate)
        {
            var current = _subscribers.GetValueOrDefault(modelId, ImmutableArray<Subscription>.Empty);
            _subscribers = _subscribers.SetItem(modelId, current.Add(subscription));
        }
        return subscription;
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            if (!_subscribers.TryGetValue(subscription.ModelId, out var current)) return;
            var remaining = current.Remove(subscription);
            _subscribers = remaining.IsEmpty ? _subscribers.Remove(subscription.ModelId) : _subscribers.SetItem(subscription.ModelId, remaining);
        }
    }

    private sealed class Subscription : ILiveSubscription
    {
        private readonly InProcessLiveResults _owner;
        private readonly Channel<LiveRecord> _channel;
        private long _dropped;

        public Subscription(InProcessLiveResults owner, Guid modelId, int capacity)
        {
            _owner = owner;
            ModelId = modelId;
            var options = new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true };
            _channel = Channel.CreateBounded<LiveRecord>(options, _ => Interlocked.Increment(ref _dropped));
        }

        public Guid ModelId { get; }

        public ChannelReader<LiveRecord> Reader => _channel.Reader;

        public long Dropped => Interlocked.Read(ref _dropped);

        public void Offer(LiveRecord record) => _channel.Writer.TryWrite(record);

        public void Dispose()
        {
            _owner.Remove(this);
            _channel.Writer.TryComplete();
        }
    }
}
