using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Models;
using HtmCloud.Htm.Snapshots;

namespace HtmCloud.Htm.Tests.Models;

[TestFixture]
public sealed class ShardedHtmModelTests
{
    // Small caps force the paths where ties could leak storage ids: full cells replace segments, full segments drop
    // their weakest synapses; boosting, weak-column bumps and punishment all run; 510 columns do not split evenly.
    private static HtmModelParameters Stressed() => ModelFixtures.ScalarModel() with
    {
        SpatialPooler = ModelFixtures.ScalarModel().SpatialPooler with { ColumnDimensions = [510], BoostStrength = 2, MinPctOverlapDutyCycles = 0.2, DutyCyclePeriod = 50 },
        TemporalMemory = ModelFixtures.ScalarModel().TemporalMemory with { MaxSegmentsPerCell = 3, MaxSynapsesPerSegment = 14, PredictedSegmentDecrement = 0.01f },
    };

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    public void Compute_IsBitIdenticalToTheWholePool_Over2000Records(int shards)
    {
        // Same parameters, same records: every SDR, score and prediction of the sharded pool equals the whole pool's.
        var parameters = Stressed();
        var whole = new HtmModel(parameters);
        var sharded = new ShardedHtmModel(parameters, shards);
        for (int step = 0; step < 2000; step++)
        {
            var record = ModelFixtures.Record(step);
            AssertSame(whole.Compute(record), sharded.Compute(record), $"{shards} shards, record {step}");
        }
        Assert.That(sharded.Shards.Sum(s => s.TemporalMemory.SegmentCount), Is.EqualTo(whole.TemporalMemory.SegmentCount));
        Assert.That(sharded.Shards.Sum(s => s.TemporalMemory.SynapseCount), Is.EqualTo(whole.TemporalMemory.SynapseCount));
        Assert.That(whole.TemporalMemory.SegmentCount, Is.GreaterThan(500), "the memory learned enough to test ties");
        Assert.That(whole.Result.Likelihood, Is.Not.EqualTo(0.5), "the likelihood left its probation");
    }

    [Test]
    public void Compute_WithExternalInputAndAFedSdr_IsBitIdenticalToTheWholePool()
    {
        // A pool fed an SDR with external distal cells (a group peer) matches too; shards see the same external cells.
        var parameters = new HtmModelParameters
        {
            InputSize = 300,
            SpatialPooler = SpatialPoolerParameters.Default with { ColumnDimensions = [256], NumActiveColumnsPerInhArea = 10, PotentialPct = 0.5, Seed = 9 },
            TemporalMemory = TemporalMemoryParameters.Default with { CellsPerColumn = 6, ActivationThreshold = 5, MinThreshold = 4, MaxNewSynapseCount = 8, ExternalInputSize = 64, Seed = 4 },
            Likelihood = null,
        };
        var whole = new HtmModel(parameters);
        var sharded = new ShardedHtmModel(parameters, 3);
        var input = new HtmCloud.Htm.Sdrs.Sdr(300);
        for (int step = 0; step < 600; step++)
        {
            int phase = step % 20;
            input.SetSparse(Enumerable.Range(phase * 12, 15).Select(i => i % 300).Order().ToArray());
            int[] external = Enumerable.Range(0, 4).Select(k => (phase * 3 + k * 7) % 64).Distinct().Order().ToArray();
            AssertSame(whole.Compute(input, double.NaN, true, external, external), sharded.Compute(input, double.NaN, true, external, external), $"record {step}");
        }
    }

    [Test]
    public void SaveLoad_MidRun_ContinuesBitIdentically()
    {
        // A sharded pool saved after 700 records and loaded into a fresh one continues exactly like the whole pool.
        var parameters = Stressed();
        var whole = new HtmModel(parameters);
        var sharded = new ShardedHtmModel(parameters, 4);
        for (int step = 0; step < 700; step++)
        {
            whole.Compute(ModelFixtures.Record(step));
            sharded.Compute(ModelFixtures.Record(step));
        }
        var bytes = new MemoryStream();
        sharded.Save(bytes);
        var restored = new ShardedHtmModel(parameters, 4);
        restored.Load(new MemoryStream(bytes.ToArray()));
        AssertSame(whole.Result, restored.Result, "restored last result");
        for (int step = 700; step < 1000; step++)
        {
            var record = ModelFixtures.Record(step);
            AssertSame(whole.Compute(record), restored.Compute(record), $"record {step}");
        }
    }

    [Test]
    public void Load_RefusesASnapshotOfAnotherShardCount()
    {
        var parameters = Stressed();
        var two = new ShardedHtmModel(parameters, 2);
        two.Compute(ModelFixtures.Record(0));
        var bytes = new MemoryStream();
        two.Save(bytes);
        Assert.Throws<SnapshotFormatException>(() => new ShardedHtmModel(parameters, 4).Load(new MemoryStream(bytes.ToArray())));
    }

    [Test]
    public void ColumnShard_BuildsExactlyItsSliceOfTheWholePooler()
    {
        // Per-column initialisation streams: a shard's potential pools and permanences are the whole pooler's, column for column.
        var parameters = Stressed();
        var whole = new HtmModel(parameters).SpatialPooler;
        var shard = new ColumnShard(parameters, 4, 2);
        Assert.That(shard.FirstColumn, Is.EqualTo(255));
        Assert.That(shard.ColumnCount, Is.EqualTo(127));
        for (int c = shard.FirstColumn; c < shard.FirstColumn + shard.ColumnCount; c++)
        {
            Assert.That(shard.SpatialPooler.GetPotentialInputs(c).ToArray(), Is.EqualTo(whole.GetPotentialInputs(c).ToArray()), $"column {c}");
            Assert.That(shard.SpatialPooler.GetPermanences(c).ToArray(), Is.EqualTo(whole.GetPermanences(c).ToArray()), $"column {c}");
        }
    }

    [Test]
    public void Constructor_RefusesLocalInhibition()
    {
        var parameters = Stressed() with { SpatialPooler = Stressed().SpatialPooler with { GlobalInhibition = false } };
        Assert.Throws<ArgumentException>(() => new ShardedHtmModel(parameters, 2));
    }

    internal static void AssertSame(PoolResult expected, PoolResult actual, string where)
    {
        Assert.That(actual.ActiveColumns.Sparse.ToArray(), Is.EqualTo(expected.ActiveColumns.Sparse.ToArray()), $"{where} active columns");
        Assert.That(actual.ActiveCells.ToArray(), Is.EqualTo(expected.ActiveCells.ToArray()), $"{where} active cells");
        Assert.That(actual.WinnerCells.ToArray(), Is.EqualTo(expected.WinnerCells.ToArray()), $"{where} winner cells");
        Assert.That(actual.PredictiveCells.ToArray(), Is.EqualTo(expected.PredictiveCells.ToArray()), $"{where} predictive cells");
        Assert.That(actual.RawAnomaly, Is.EqualTo(expected.RawAnomaly), $"{where} raw anomaly");
        Assert.That(actual.Likelihood, Is.EqualTo(expected.Likelihood), $"{where} likelihood");
        Assert.That(actual.AnomalyScore, Is.EqualTo(expected.AnomalyScore), $"{where} score");
        Assert.That(actual.Predictions.Select(p => (p.Steps, p.BestValue, p.BestProbability)),
            Is.EqualTo(expected.Predictions.Select(p => (p.Steps, p.BestValue, p.BestProbability))), $"{where} predictions");
    }
}
