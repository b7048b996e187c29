using HtmCloud.Htm.Models;
using HtmCloud.Htm.Snapshots;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Tests.Models;

[TestFixture]
public sealed class HtmModelTests
{
    [Test]
    public void Compute_GivesIdenticalOutputs_ForSameSeedTwice()
    {
        // Two models from the same parameters see the same records: every output matches at every step.
        var a = new HtmModel(ModelFixtures.ScalarModel());
        var b = new HtmModel(ModelFixtures.ScalarModel());
        for (int step = 0; step < 300; step++)
        {
            var ra = a.Compute(ModelFixtures.Record(step));
            var rb = b.Compute(ModelFixtures.Record(step));
            AssertSameStep(ra, rb, step);
        }
    }

    [Test]
    public void Compute_GivesDifferentColumns_ForDifferentSeeds()
    {
        // The seed really drives the pooler: another seed maps the same record elsewhere.
        var a = new HtmModel(ModelFixtures.ScalarModel(seed: 1));
        var b = new HtmModel(ModelFixtures.ScalarModel(seed: 2));
        var ra = a.Compute(ModelFixtures.Record(0)).ActiveColumns.Sparse.ToArray();
        var rb = b.Compute(ModelFixtures.Record(0)).ActiveColumns.Sparse.ToArray();
        Assert.That(rb, Is.Not.EqualTo(ra));
    }

    [Test]
    public void Compute_LearnsPeriodicSignal_AnomalyFallsAndPredictionFollows()
    {
        // A clean periodic signal becomes predictable: late raw anomaly is far below the first records'.
        // (Without resets a looping sequence still bursts about once a loop, as BAMI's memory does.)
        var parameters = ModelFixtures.ScalarModel();
        var model = new HtmModel(parameters with { Fields = [parameters.Fields[0]] });
        double early = 0, late = 0;
        for (int step = 0; step < 1200; step++)
        {
            double value = 10 + 30 * (step % 12);
            var r = model.Compute([value]);
            if (step < 12) early += r.RawAnomaly / 12;
            if (step >= 1176) late += r.RawAnomaly / 24;
        }
        Assert.That(early, Is.GreaterThan(0.8), "first cycle is unpredicted");
        Assert.That(late, Is.LessThan(0.15));
        var oneStep = model.Result.Predictions.First(p => p.Steps == 1);
        Assert.That(oneStep.BestValue, Is.EqualTo(10 + 30 * (1200 % 12)).Within(0.6));
    }

    [TestCase(1)]
    [TestCase(97)]
    [TestCase(233)]
    [TestCase(401)]
    public void SaveLoad_ContinuesBitIdentically_FromAnyStep(int k)
    {
        // Snapshot at step k into a fresh model; both continue on the same records and never diverge.
        var original = new HtmModel(ModelFixtures.ScalarModel());
        for (int step = 0; step < k; step++) original.Compute(ModelFixtures.Record(step));
        using var stream = new MemoryStream();
        original.Save(stream);
        stream.Position = 0;
        var restored = new HtmModel(ModelFixtures.ScalarModel());
        restored.Load(stream);
        for (int step = k; step < k + 300; step++)
        {
            var a = original.Compute(ModelFixtures.Record(step));
            var b = restored.Compute(ModelFixtures.Record(step));
            AssertSameStep(a, b, step);
        }
    }

    [Test]
    public void Load_Throws_WhenSnapshotIsTruncatedCorruptOrNewer()
    {
        // Each kind of damage is reported as a SnapshotFormatException, never a crash or a silent fork.
        var model = new HtmModel(ModelFixtures.ScalarModel());
        for (int step = 0; step < 50; step++) model.Compute(ModelFixtures.Record(step));
        using var stream = new MemoryStream();
        model.Save(stream);
        var bytes = stream.ToArray();

        var truncated = bytes[..(bytes.Length / 2)];
        var corrupt = (byte[])bytes.Clone();
        corrupt[bytes.Length / 3] ^= 0x40;
        var newer = (byte[])bytes.Clone();
        BitConverter.TryWriteBytes(newer.AsSpan(4), SnapshotFormat.Version + 1);

        foreach (var (name, data) in new[] { ("truncated", truncated), ("corrupt", corrupt), ("newer", newer) })
        {
            var target = new HtmModel(ModelFixtures.ScalarModel());
            var e = Assert.Throws<SnapshotFormatException>(() => target.Load(new MemoryStream(data)), name);
            Assert.That(e!.Message, Is.Not.Empty, name);
        }
        var newerError = Assert.Throws<SnapshotFormatException>(() => new HtmModel(ModelFixtures.ScalarModel()).Load(new MemoryStream(newer)));
        Assert.That(newerError!.Message, Does.Contain("newer"));
    }

    [Test]
    public void Load_Throws_WhenModelHasOtherParameters()
    {
        // A snapshot of a 512-column model does not load into a 256-column model.
        var model = new HtmModel(ModelFixtures.ScalarModel());
        using var stream = new MemoryStream();
        model.Save(stream);
        stream.Position = 0;
        var other = ModelFixtures.ScalarModel();
        other = other with { SpatialPooler = other.SpatialPooler with { ColumnDimensions = [256] } };
        Assert.Throws<SnapshotFormatException>(() => new HtmModel(other).Load(stream));
    }

    [Test]
    public void AnomalyScore_IsOne_WhenValueLeavesTheSeenRangeByMoreThanTheTolerance()
    {
        // With the spatial rule on, a jump far beyond every value seen so far scores 1 on that very record.
        var model = new HtmModel(ModelFixtures.ScalarModel() with { SpatialTolerance = 0.05 });
        for (int step = 0; step < 100; step++) model.Compute(ModelFixtures.Record(step));
        for (int step = 100; step < 124; step++)
        {
            var r = model.Compute(ModelFixtures.Record(step));
            Assert.That(r.OutOfRange, Is.False, $"step {step} repeats the seen cycle");
            Assert.That(r.AnomalyScore, Is.EqualTo(r.LogLikelihood));
        }
        var jump = model.Compute([100.0, new DateTime(2024, 1, 2)]);
        Assert.That(jump.OutOfRange, Is.True);
        Assert.That(jump.AnomalyScore, Is.EqualTo(1.0));
        var again = model.Compute([100.0, new DateTime(2024, 1, 2)]);
        Assert.That(again.OutOfRange, Is.False, "the range now includes the jump");
    }

    [Test]
    public void AnomalyScore_IsTheRawAnomaly_WhenLikelihoodIsOff()
    {
        // Without likelihood the pool's score is its raw anomaly.
        var model = new HtmModel(ModelFixtures.ScalarModel() with { Likelihood = null });
        var r = model.Compute(ModelFixtures.Record(0));
        Assert.That(r.AnomalyScore, Is.EqualTo((double)r.RawAnomaly));
        Assert.That(r.Likelihood, Is.NaN);
    }

    [Test]
    public void Constructor_ReportsEveryInvalidField_WithItsPath()
    {
        // All problems come back at once, each named by its path in the parameters.
        var bad = ModelFixtures.ScalarModel() with { MetricField = "nope" };
        bad = bad with { TemporalMemory = bad.TemporalMemory with { CellsPerColumn = 0 }, SpatialPooler = bad.SpatialPooler with { PotentialPct = 2 } };
        var fields = bad.Validate().Select(e => e.Field).ToArray();
        Assert.That(fields, Does.Contain("metricField"));
        Assert.That(fields, Does.Contain("temporalMemory.cellsPerColumn"));
        Assert.That(fields, Does.Contain("spatialPooler.potentialPct"));
        Assert.Throws<ArgumentException>(() => new HtmModel(bad));
    }

    internal static void AssertSameStep(PoolResult a, PoolResult b, int step)
    {
        Assert.That(b.ActiveColumns.Sparse.ToArray(), Is.EqualTo(a.ActiveColumns.Sparse.ToArray()), $"active columns at step {step}");
        Assert.That(b.ActiveCells.ToArray(), Is.EqualTo(a.ActiveCells.ToArray()), $"active cells at step {step}");
        Assert.That(b.WinnerCells.ToArray(), Is.EqualTo(a.WinnerCells.ToArray()), $"winner cells at step {step}");
        Assert.That(b.PredictiveCells.ToArray(), Is.EqualTo(a.PredictiveCells.ToArray()), $"predictive cells at step {step}");
        Assert.That(b.RawAnomaly, Is.EqualTo(a.RawAnomaly), $"raw anomaly at step {step}");
        Assert.That(b.Likelihood, Is.EqualTo(a.Likelihood), $"likelihood at step {step}");
        for (int i = 0; i < a.Predictions.Count; i++)
        {
            Assert.That(b.Predictions[i].BestValue, Is.EqualTo(a.Predictions[i].BestValue), $"prediction {i} at step {step}");
            Assert.That(b.Predictions[i].BestProbability, Is.EqualTo(a.Predictions[i].BestProbability), $"probability {i} at step {step}");
        }
    }
}
