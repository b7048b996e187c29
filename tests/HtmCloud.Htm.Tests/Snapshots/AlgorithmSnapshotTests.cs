using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Snapshots;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Tests.Snapshots;

public class AlgorithmSnapshotTests
{
    public enum Variant
    {
        /// <summary>1-D input, global inhibition, boosting; memory with punishment and tight segment limits.</summary>
        Global,

        /// <summary>2-D input, local inhibition with wrap-around; memory with external distal input.</summary>
        LocalWithExternal,
    }

    private const int ExternalSize = 300;

    private static SpatialPoolerParameters SpParams(Variant v) => v == Variant.Global
        ? SpatialPoolerParameters.Default with
        {
            InputDimensions = [600], ColumnDimensions = [1024], NumActiveColumnsPerInhArea = 20, BoostStrength = 2,
            DutyCyclePeriod = 100, MinPctOverlapDutyCycles = 0.05, Seed = 3,
        }
        : SpatialPoolerParameters.Default with
        {
            InputDimensions = [24, 24], ColumnDimensions = [32, 32], PotentialRadius = 4, PotentialPct = 0.6,
            GlobalInhibition = false, LocalAreaDensity = 0.03, StimulusThreshold = 1, BoostStrength = 1,
            DutyCyclePeriod = 50, WrapAround = true, Seed = 4,
        };

    private static TemporalMemoryParameters TmParams(Variant v) => TemporalMemoryParameters.Default with
    {
        ColumnCount = 1024, CellsPerColumn = 8, ActivationThreshold = 10, MinThreshold = 7, MaxNewSynapseCount = 16,
        PredictedSegmentDecrement = v == Variant.Global ? 0.01f : 0f, MaxSegmentsPerCell = v == Variant.Global ? 3 : 255,
        MaxSynapsesPerSegment = v == Variant.Global ? 20 : 255, ExternalInputSize = v == Variant.Global ? 0 : ExternalSize,
        Seed = v == Variant.Global ? 5UL : 6UL,
    };

    /// <summary>One step's input: a repeating sequence of 20 patterns with 10 % noise, and (for the external variant)
    /// 15 external cells that follow the sequence position.</summary>
    private sealed record Step(Sdr Input, int[] External);

    private static Step[] Inputs(Variant v, int steps, ulong seed)
    {
        int size = v == Variant.Global ? 600 : 576, active = v == Variant.Global ? 20 : 40;
        var rng = new Rng(seed);
        var all = Enumerable.Range(0, size).ToArray();
        var patterns = Enumerable.Range(0, 20).Select(_ => { rng.SampleInPlace(all, active); return all[..active]; }).ToArray();
        var ext = Enumerable.Range(0, ExternalSize).ToArray();
        var externals = Enumerable.Range(0, 20).Select(_ => { rng.SampleInPlace(ext, 15); return ext[..15].Order().ToArray(); }).ToArray();
        return Enumerable.Range(0, steps).Select(t =>
        {
            var input = Sdr.FromSparse(size, patterns[t % 20]);
            input.AddNoise(0.1, rng);
            return new Step(input, v == Variant.Global ? [] : externals[t % 20]);
        }).ToArray();
    }

    private sealed class Pair(Variant v)
    {
        public readonly SpatialPooler Sp = new(SpParams(v));
        public readonly TemporalMemory Tm = new(TmParams(v));
        public readonly Sdr Columns = new(1024);

        public void Compute(Step step)
        {
            Sp.Compute(step.Input, learn: true, Columns);
            Tm.Compute(Columns.Sparse, learn: true, step.External, step.External);
        }
    }

    private static byte[] Save(SpatialPooler sp, TemporalMemory tm)
    {
        using var ms = new MemoryStream();
        var w = new SnapshotWriter(ms);
        SpatialPoolerCodec.Write(w, sp);
        TemporalMemoryCodec.Write(w, tm);
        w.Complete();
        return ms.ToArray();
    }

    private static void Load(byte[] bytes, SpatialPooler sp, TemporalMemory tm)
    {
        using var ms = new MemoryStream(bytes);
        var r = new SnapshotReader(ms);
        SpatialPoolerCodec.Read(r, sp);
        TemporalMemoryCodec.Read(r, tm);
        r.End();
    }

    /// <summary>A snapshot of a pair trained for 60 steps, as bytes.</summary>
    private static byte[] TrainedSnapshot()
    {
        var pair = new Pair(Variant.Global);
        foreach (var step in Inputs(Variant.Global, 60, seed: 100)) pair.Compute(step);
        return Save(pair.Sp, pair.Tm);
    }

    private static void LoadIntoFresh(byte[] bytes, SpatialPoolerParameters? sp = null, TemporalMemoryParameters? tm = null) =>
        Load(bytes, new SpatialPooler(sp ?? SpParams(Variant.Global)), new TemporalMemory(tm ?? TmParams(Variant.Global)));

    private static IEnumerable<TestCaseData> RandomSteps()
    {
        var rng = new Rng(2024);
        foreach (var v in new[] { Variant.Global, Variant.Global, Variant.Global, Variant.LocalWithExternal, Variant.LocalWithExternal })
        {
            int k = 1 + rng.NextInt(400);
            yield return new TestCaseData(v, k).SetArgDisplayNames(v.ToString(), $"k={k}");
        }
    }

    [TestCaseSource(nameof(RandomSteps))]
    public void RoundTrip_AtARandomStep_ContinuesBitIdentically(Variant variant, int k)
    {
        // Run pooler + memory k steps, restore a snapshot into fresh objects, continue both 250 steps with learning on.
        var steps = Inputs(variant, k + 250, seed: (ulong)k);
        var original = new Pair(variant);
        for (int t = 0; t < k; t++) original.Compute(steps[t]);

        var restored = new Pair(variant);
        byte[] snapshot = Save(original.Sp, original.Tm);
        Load(snapshot, restored.Sp, restored.Tm);
        Assert.That(restored.Tm.PredictiveCells.ToArray(), Is.EqualTo(original.Tm.PredictiveCells.ToArray()), "predictions right after restore");
        Assert.That(restored.Tm.ActiveCells.ToArray(), Is.EqualTo(original.Tm.ActiveCells.ToArray()));
        Assert.That(restored.Tm.Anomaly, Is.EqualTo(original.Tm.Anomaly));
        Assert.That(Save(restored.Sp, restored.Tm), Is.EqualTo(snapshot), "restored state saves to the same bytes");

        int predictedSteps = 0;
        for (int t = k; t < k + 250; t++)
        {
            original.Compute(steps[t]);
            restored.Compute(steps[t]);
            Assert.That(restored.Columns, Is.EqualTo(original.Columns), $"step {t}: active columns");
            Assert.That(restored.Tm.ActiveCells.ToArray(), Is.EqualTo(original.Tm.ActiveCells.ToArray()), $"step {t}: active cells");
            Assert.That(restored.Tm.WinnerCells.ToArray(), Is.EqualTo(original.Tm.WinnerCells.ToArray()), $"step {t}: winner cells");
            Assert.That(restored.Tm.PredictiveCells.ToArray(), Is.EqualTo(original.Tm.PredictiveCells.ToArray()), $"step {t}: predictive cells");
            Assert.That(restored.Tm.Anomaly, Is.EqualTo(original.Tm.Anomaly), $"step {t}: anomaly");
            if (original.Tm.Anomaly < 1) predictedSteps++;
        }
        Assert.That(Save(restored.Sp, restored.Tm), Is.EqualTo(Save(original.Sp, original.Tm)), "final states identical");
        Assert.That(predictedSteps, Is.GreaterThan(50), "the memory was learning, so the comparison covered predictions");
        TestContext.Out.WriteLine($"k={k}: {original.Tm.SegmentCount} segments, {original.Tm.SynapseCount} synapses, {predictedSteps} predicted steps");
    }

    [Test]
    public void Read_Throws_WhenTheStreamIsTruncated()
    {
        // Cut anywhere (inside the header, the payload or the trailer): SnapshotFormatException.
        byte[] bytes = TrainedSnapshot();
        foreach (int length in new[] { 0, 3, 7, 8, 19, 100, bytes.Length / 2, bytes.Length - 12, bytes.Length - 1 })
            Assert.Throws<SnapshotFormatException>(() => LoadIntoFresh(bytes[..length]), $"cut to {length} of {bytes.Length} bytes");
        Assert.DoesNotThrow(() => LoadIntoFresh(bytes), "the intact snapshot loads");
    }

    [Test]
    public void Read_Throws_WhenTheStreamHasTrailingBytes()
    {
        // An extra byte after the trailer: the stream no longer ends where the trailer says.
        byte[] bytes = TrainedSnapshot();
        Assert.Throws<SnapshotFormatException>(() => LoadIntoFresh([.. bytes, 0]));
    }

    [Test]
    public void Read_Throws_WhenAPayloadByteIsFlipped()
    {
        // One bit flipped at the start, in the middle and at the end of the payload: the checksum catches it.
        byte[] bytes = TrainedSnapshot();
        foreach (int position in new[] { 8, 9, bytes.Length / 3, bytes.Length / 2, bytes.Length - 13 })
        {
            var damaged = (byte[])bytes.Clone();
            damaged[position] ^= 0x10;
            Assert.Throws<SnapshotFormatException>(() => LoadIntoFresh(damaged), $"byte {position}");
        }
        var badMagic = (byte[])bytes.Clone();
        badMagic[0] ^= 1;
        Assert.Throws<SnapshotFormatException>(() => LoadIntoFresh(badMagic), "magic");
    }

    [Test]
    public void Read_Throws_WhenTheFormatVersionIsNewer()
    {
        // Header bytes 4..7 patched to the next format version (and to 0): rejected before any state is read.
        byte[] bytes = TrainedSnapshot();
        Assert.That(BitConverter.ToInt32(bytes, 4), Is.EqualTo(SnapshotFormat.Version));
        foreach (int version in new[] { SnapshotFormat.Version + 1, int.MaxValue, 0 })
        {
            var patched = (byte[])bytes.Clone();
            BitConverter.TryWriteBytes(patched.AsSpan(4, 4), version);
            var sp = new SpatialPooler(SpParams(Variant.Global));
            float[] before = (float[])sp.Permanence.Clone();
            var ex = Assert.Throws<SnapshotFormatException>(() => Load(patched, sp, new TemporalMemory(TmParams(Variant.Global))), $"version {version}");
            if (version > SnapshotFormat.Version) Assert.That(ex!.Message, Does.Contain("newer"));
            Assert.That(sp.Permanence, Is.EqualTo(before), "nothing was restored");
        }
    }

    private static IEnumerable<TestCaseData> OtherParameters()
    {
        var sp = SpParams(Variant.Global);
        var tm = TmParams(Variant.Global);
        yield return new TestCaseData(sp with { ColumnDimensions = [512] }, tm).SetArgDisplayNames("sp columns");
        yield return new TestCaseData(sp with { InputDimensions = [500] }, tm).SetArgDisplayNames("sp inputs");
        yield return new TestCaseData(sp with { PotentialPct = 0.6 }, tm).SetArgDisplayNames("sp potentialPct");
        yield return new TestCaseData(sp with { PotentialRadius = 50 }, tm).SetArgDisplayNames("sp potentialRadius");
        yield return new TestCaseData(sp, tm with { CellsPerColumn = 4 }).SetArgDisplayNames("tm cellsPerColumn");
        yield return new TestCaseData(sp, tm with { ColumnCount = 512 }).SetArgDisplayNames("tm columnCount");
        yield return new TestCaseData(sp, tm with { ExternalInputSize = 10 }).SetArgDisplayNames("tm externalInputSize");
    }

    [TestCaseSource(nameof(OtherParameters))]
    public void Read_Throws_WhenRestoringIntoObjectsWithOtherParameters(SpatialPoolerParameters sp, TemporalMemoryParameters tm)
    {
        // A snapshot of one configuration restored into a pooler/memory of another shape: SnapshotFormatException.
        byte[] bytes = TrainedSnapshot();
        Assert.Throws<SnapshotFormatException>(() => LoadIntoFresh(bytes, sp, tm));
    }

    [Test]
    public void Read_Throws_WhenTheMemoryHasTheSameCellCountButAnotherColumnLayout()
    {
        // A memory of 1024 columns x 8 cells saved on its own, restored into 2048 columns x 4 cells (the same 8192
        // cells): every cell would silently move to another column, so the restore must be refused.
        var pair = new Pair(Variant.Global);
        foreach (var step in Inputs(Variant.Global, 60, seed: 100)) pair.Compute(step);
        using var ms = new MemoryStream();
        var w = new SnapshotWriter(ms);
        TemporalMemoryCodec.Write(w, pair.Tm);
        w.Complete();
        byte[] bytes = ms.ToArray();

        void Restore(TemporalMemoryParameters p)
        {
            var r = new SnapshotReader(new MemoryStream(bytes));
            TemporalMemoryCodec.Read(r, new TemporalMemory(p));
            r.End();
        }

        Assert.DoesNotThrow(() => Restore(TmParams(Variant.Global)), "same parameters");
        Assert.Throws<SnapshotFormatException>(() => Restore(TmParams(Variant.Global) with { ColumnCount = 2048, CellsPerColumn = 4 }));
    }

    [Test]
    public void Read_Throws_WhenASectionIsMissing()
    {
        // A pooler-only snapshot read as pooler + memory: the memory section is not there.
        var pair = new Pair(Variant.Global);
        using var ms = new MemoryStream();
        var w = new SnapshotWriter(ms);
        SpatialPoolerCodec.Write(w, pair.Sp);
        w.Complete();
        byte[] bytes = ms.ToArray();
        Assert.Throws<SnapshotFormatException>(() => LoadIntoFresh(bytes));
    }
}
