using HtmCloud.Api.Cluster;
using HtmCloud.Api.Live;
using HtmCloud.Api.Tests.Hosting;
using HtmCloud.Contracts.Models;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace HtmCloud.Api.Tests.Live;

/// <summary>Two <see cref="RedisLiveResults"/> on the test Redis stand for two nodes of one cluster.</summary>
public sealed class RedisLiveResultsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private static LiveRecord[] Records(long from, int count) =>
        Enumerable.Range(0, count).Select(i => new LiveRecord(new RecordResult { Seq = from + i }, null)).ToArray();

    private static RedisLiveResults Node(RedisConnection redis, string clusterId) => new(redis, clusterId, NullLogger<RedisLiveResults>.Instance);

    private static async Task<List<long>> ReadAsync(ILiveSubscription subscription, int count)
    {
        using var cancel = new CancellationTokenSource(Wait);
        var seqs = new List<long>();
        while (seqs.Count < count) seqs.Add((await subscription.Reader.ReadAsync(cancel.Token)).Result.Seq);
        return seqs;
    }

    [Test]
    public async Task Publish_ReachesAnotherNodesViewer_DroppingTheOldestPastItsBuffer_AndNeverEchoesToItsOwnViewers()
    {
        await using var redis = new RedisConnection(TestRedis.ConnectionString);
        string cluster = TestRedis.NewClusterId();
        await using var a = Node(redis, cluster);
        await using var b = Node(redis, cluster);
        var model = Guid.NewGuid();
        using var onA = await a.SubscribeAsync(model, 100, CancellationToken.None);
        using var slowOnB = await b.SubscribeAsync(model, 3, CancellationToken.None);
        using var onB = await b.SubscribeAsync(model, 100, CancellationToken.None);

        a.Publish(model, Records(1, 10));
        Assert.That(await ReadAsync(onB, 10), Is.EqualTo(Enumerable.Range(1, 10)), "B's viewer, over Redis, in order");
        Assert.That(slowOnB.Dropped, Is.EqualTo(7), "a 3-record buffer keeps the newest 3 of 10");
        Assert.That(await ReadAsync(slowOnB, 3), Is.EqualTo(new long[] { 8, 9, 10 }));

        // B's batch reaches A after A's own (Redis delivers in publish order), so A has read any echo of its own by then.
        b.Publish(model, Records(11, 2));
        Assert.That(await ReadAsync(onA, 12), Is.EqualTo(Enumerable.Range(1, 12)), "A's viewer: its own batch once, then B's");
        Assert.That(onA.Reader.TryRead(out var extra), Is.False, $"nothing doubled (got seq {extra?.Result.Seq})");
    }

    [Test]
    public async Task LastViewerLeaving_UnsubscribesTheNodeFromTheModelsChannel()
    {
        await using var redis = new RedisConnection(TestRedis.ConnectionString);
        await using var node = Node(redis, TestRedis.NewClusterId());
        var model = Guid.NewGuid();
        var connection = await redis.GetAsync();
        async Task<long> SubscribersAsync() =>
            (long)((RedisResult[])(await connection.GetDatabase().ExecuteAsync("PUBSUB", "NUMSUB", node.Channel(model).ToString()))!)[1];

        var first = await node.SubscribeAsync(model, 10, CancellationToken.None);
        var second = await node.SubscribeAsync(model, 10, CancellationToken.None);
        Assert.That(await SubscribersAsync(), Is.EqualTo(1), "one Redis subscription per node and model, however many viewers");

        first.Dispose();
        second.Dispose();
        var deadline = DateTime.UtcNow + Wait;
        long left;
        while ((left = await SubscribersAsync()) != 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.That(left, Is.EqualTo(0), "the node leaves the channel with its last viewer");
    }
}
