using HtmCloud.Api.Live;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Api.Tests.Live;

public sealed class InProcessLiveResultsTests
{
    private static LiveRecord[] Records(long from, int count) =>
        Enumerable.Range(0, count).Select(i => new LiveRecord(new RecordResult { Seq = from + i }, null)).ToArray();

    private static long[] Drain(ILiveSubscription subscription)
    {
        var seqs = new List<long>();
        while (subscription.Reader.TryRead(out var record)) seqs.Add(record.Result.Seq);
        return seqs.ToArray();
    }

    [Test]
    public void Publish_ReachesEverySubscriberOfThatModel_Only()
    {
        var live = new InProcessLiveResults();
        Guid model = Guid.NewGuid(), other = Guid.NewGuid();
        using var first = live.Subscribe(model, 100);
        using var second = live.Subscribe(model, 100);
        using var elsewhere = live.Subscribe(other, 100);

        live.Publish(model, Records(1, 3));

        Assert.That(Drain(first), Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That(Drain(second), Is.EqualTo(new long[] { 1, 2, 3 }));
        Assert.That(Drain(elsewhere), Is.Empty);
    }

    [Test]
    public void Publish_ToAFullBuffer_DropsTheOldest_AndCountsThem()
    {
        var live = new InProcessLiveResults();
        var model = Guid.NewGuid();
        using var slow = live.Subscribe(model, 3);

        live.Publish(model, Records(1, 10)); // nobody reads: publishing must still return

        Assert.That(Drain(slow), Is.EqualTo(new long[] { 8, 9, 10 }));
        Assert.That(slow.Dropped, Is.EqualTo(7));
    }

    [Test]
    public void Dispose_Unsubscribes_AndCompletesTheReader()
    {
        var live = new InProcessLiveResults();
        var model = Guid.NewGuid();
        var gone = live.Subscribe(model, 10);
        using var staying = live.Subscribe(model, 10);

        gone.Dispose();
        live.Publish(model, Records(1, 2));

        Assert.That(Drain(gone), Is.Empty);
        Assert.That(gone.Reader.Completion.IsCompleted, Is.True);
        Assert.That(Drain(staying), Is.EqualTo(new long[] { 1, 2 }));
    }
}
