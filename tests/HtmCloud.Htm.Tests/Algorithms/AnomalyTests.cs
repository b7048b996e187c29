using HtmCloud.Htm.Algorithms;

namespace HtmCloud.Htm.Tests.Algorithms;

public class AnomalyTests
{
    [Test]
    public void NoActiveColumnsScoresZero() =>
        Assert.That(Anomaly.Raw([], [1, 2, 3]), Is.EqualTo(0f));

    [Test]
    public void AllPredictedScoresZero() =>
        Assert.That(Anomaly.Raw([2, 5, 9], [1, 2, 5, 9, 12]), Is.EqualTo(0f));

    [Test]
    public void NothingPredictedScoresOne()
    {
        Assert.That(Anomaly.Raw([2, 5, 9], []), Is.EqualTo(1f));
        Assert.That(Anomaly.Raw([2, 5, 9], [0, 3, 10]), Is.EqualTo(1f));
    }

    [Test]
    public void PartialOverlapScoresUnpredictedShare()
    {
        Assert.That(Anomaly.Raw([1, 3, 5, 7], [3, 4, 7, 9]), Is.EqualTo(0.5f));
        Assert.That(Anomaly.Raw([10, 20, 30], [30]), Is.EqualTo(2f / 3f));
    }

    [Test]
    public void ExtraPredictionsDoNotCount() =>
        Assert.That(Anomaly.Raw([4], [0, 1, 2, 3, 4, 5, 6]), Is.EqualTo(0f));

    [Test]
    public void DoesNotAllocate()
    {
        int[] active = [1, 3, 5, 7, 100, 200], predicted = [3, 7, 150, 200];
        Anomaly.Raw(active, predicted);
        long before = GC.GetAllocatedBytesForCurrentThread();
        float sum = 0;
        for (int i = 0; i < 1000; i++) sum += Anomaly.Raw(active, predicted);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(sum, Is.EqualTo(500f).Within(1e-3));
    }
}
