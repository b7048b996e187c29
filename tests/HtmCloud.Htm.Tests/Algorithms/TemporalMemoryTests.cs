using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Tests.Algorithms;

public class TemporalMemoryTests
{
    // The anchor memory (2048 columns, 32 cells per column).
    private static TemporalMemoryParameters Anchor => TemporalMemoryParameters.Default with
    {
        ColumnCount = 2048, CellsPerColumn = 32, ActivationThreshold = 13, InitialPermanence = 0.21f,
        ConnectedPermanence = 0.5f, MinThreshold = 10, MaxNewSynapseCount = 20, PermanenceIncrement = 0.1f,
        PermanenceDecrement = 0.1f, PredictedSegmentDecrement = 0, MaxSegmentsPerCell = 255,
        MaxSynapsesPerSegment = 255, Seed = 42,
    };

    /// <summary><paramref name="count"/> disjoint random patterns of <paramref name="active"/> columns each.</summary>
    private static Sdr[] Patterns(int count, int columns, int active, ulong seed)
    {
        var rng = new Rng(seed);
        var all = new int[columns];
        for (int i = 0; i < columns; i++) all[i] = i;
        rng.Shuffle(all);
        return Enumerable.Range(0, count).Select(p => Sdr.FromSparse(columns, all.AsSpan(p * active, active))).ToArray();
    }

    private static int[] PredictedColumns(TemporalMemory tm) => tm.PredictiveCells.ToArray().Select(tm.ColumnOf).Distinct().ToArray();

    private static double Share(int[] columns, Sdr pattern) => (double)columns.Count(c => pattern[c]) / pattern.ActiveCount;

    private static int[] SynapsesPerSegment(TemporalMemory tm)
    {
        var counts = new int[Math.Max(1, tm.SegmentHighWater)];
        for (int y = 0; y < tm.SynapseHighWater; y++)
            if (tm.SynapseSegment[y] >= 0) counts[tm.SynapseSegment[y]]++;
        return counts;
    }

    private static int[] SegmentsOn(TemporalMemory tm, int cell) =>
        Enumerable.Range(0, tm.SegmentHighWater).Where(s => tm.SegmentCell[s] == cell).ToArray();

    private static int[] Presynaptic(TemporalMemory tm, int segment) =>
        Enumerable.Range(0, tm.SynapseHighWater).Where(y => tm.SynapseSegment[y] == segment).Select(y => tm.SynapsePresynaptic[y]).Order().ToArray();

    [Test]
    public void Compute_LearnsARepeatedSequence_ToRawAnomalyAtMostTwoPercent()
    {
        // 10 random patterns of 40 of 2048 columns, repeated 40 times from a Reset: on the last pass every element
        // after the first (which has no context) is predicted, anomaly <= 0.02.
        var tm = new TemporalMemory(Anchor);
        var sequence = Patterns(10, 2048, 40, seed: 1);
        double firstPass = 0, lastPassMax = 0;
        for (int rep = 0; rep < 40; rep++)
        {
            tm.Reset();
            for (int i = 0; i < sequence.Length; i++)
            {
                tm.Compute(sequence[i], learn: true);
                if (rep == 0) firstPass += tm.Anomaly / 10.0;
                if (rep == 39 && i > 0) lastPassMax = Math.Max(lastPassMax, tm.Anomaly);
            }
        }
        TestContext.Out.WriteLine($"first pass mean anomaly {firstPass:F3}, last pass max {lastPassMax:F3}");
        Assert.That(firstPass, Is.EqualTo(1.0).Within(1e-6), "nothing is predicted on the first pass");
        Assert.That(lastPassMax, Is.LessThanOrEqualTo(0.02));

        // Inference on one more pass agrees.
        tm.Reset();
        for (int i = 0; i < sequence.Length; i++)
        {
            tm.Compute(sequence[i], learn: false);
            Assert.That(tm.Anomaly, i == 0 ? Is.EqualTo(1f) : Is.LessThanOrEqualTo(0.02f), $"element {i}");
        }
    }

    [Test]
    public void Compute_LearnsAContinuouslyRepeatedSequence_ToMeanRawAnomalyAtMostTwoPercent()
    {
        // The anchor's stream without resets: 100 patterns of 40 of 2048 columns looped 6 times; the last loop's mean
        // anomaly is <= 0.02 (the loop's seam keeps moving, so about one element per loop still bursts).
        var tm = new TemporalMemory(Anchor);
        var rng = new Rng(16);
        var all = Enumerable.Range(0, 2048).ToArray();
        var sequence = Enumerable.Range(0, 100).Select(_ => { rng.SampleInPlace(all, 40); return Sdr.FromSparse(2048, all.AsSpan(0, 40)); }).ToArray();
        double firstPass = 0, lastPass = 0;
        for (int rep = 0; rep < 6; rep++)
            for (int i = 0; i < sequence.Length; i++)
            {
                tm.Compute(sequence[i], learn: true);
                if (rep == 0) firstPass += tm.Anomaly / 100.0;
                if (rep == 5) lastPass += tm.Anomaly / 100.0;
            }
        TestContext.Out.WriteLine($"first pass mean anomaly {firstPass:F3}, last pass mean {lastPass:F3}");
        Assert.That(firstPass, Is.EqualTo(1.0).Within(1e-6));
        Assert.That(lastPass, Is.LessThanOrEqualTo(0.02));
    }

    [Test]
    public void Compute_TellsHighOrderSequencesApart_AtTheLastElement()
    {
        // A B C D and X B C Y share B C: after A-B-C the memory predicts D not Y, after X-B-C it predicts Y not D.
        // (While C is still reached by a bursting B, Y learns from A's C cells; punishment clears that early prediction.)
        var tm = new TemporalMemory(Anchor with { CellsPerColumn = 16, PredictedSegmentDecrement = 0.05f });
        var p = Patterns(6, 2048, 40, seed: 2);
        Sdr a = p[0], b = p[1], c = p[2], d = p[3], x = p[4], y = p[5];
        for (int rep = 0; rep < 25; rep++)
        {
            tm.Reset();
            foreach (var s in new[] { a, b, c, d }) tm.Compute(s, learn: true);
            tm.Reset();
            foreach (var s in new[] { x, b, c, y }) tm.Compute(s, learn: true);
        }

        int[] AfterPrefix(Sdr first)
        {
            tm.Reset();
            foreach (var s in new[] { first, b, c }) tm.Compute(s, learn: false);
            return PredictedColumns(tm);
        }

        var afterA = AfterPrefix(a);
        var afterX = AfterPrefix(x);
        TestContext.Out.WriteLine($"after ABC: D {Share(afterA, d):F2} Y {Share(afterA, y):F2}; after XBC: Y {Share(afterX, y):F2} D {Share(afterX, d):F2}");
        Assert.That(Share(afterA, d), Is.GreaterThanOrEqualTo(0.95));
        Assert.That(Share(afterA, y), Is.LessThanOrEqualTo(0.05));
        Assert.That(Share(afterX, y), Is.GreaterThanOrEqualTo(0.95));
        Assert.That(Share(afterX, d), Is.LessThanOrEqualTo(0.05));

        // And the last element itself arrives unsurprising in both sequences.
        tm.Reset();
        foreach (var s in new[] { a, b, c, d }) tm.Compute(s, learn: false);
        Assert.That(tm.Anomaly, Is.LessThanOrEqualTo(0.05f));
        tm.Reset();
        foreach (var s in new[] { x, b, c, y }) tm.Compute(s, learn: false);
        Assert.That(tm.Anomaly, Is.LessThanOrEqualTo(0.05f));
    }

    [Test]
    public void Compute_BurstsEveryCellInColumn_WhenColumnWasNotPredicted()
    {
        // After a sequence is learned, a novel pattern makes every cell of each of its columns active, anomaly 1.
        var tm = new TemporalMemory(Anchor with { CellsPerColumn = 8 });
        var p = Patterns(6, 2048, 40, seed: 3);
        for (int rep = 0; rep < 15; rep++)
            for (int i = 0; i < 5; i++) tm.Compute(p[i], learn: true);
        tm.Compute(p[0], learn: true);
        Assert.That(PredictedColumns(tm), Is.Not.Empty);

        var novel = p[5];
        tm.Compute(novel, learn: true);
        Assert.That(tm.Anomaly, Is.EqualTo(1f));
        var expected = novel.Sparse.ToArray().SelectMany(col => Enumerable.Range(col * 8, 8)).ToArray();
        Assert.That(tm.ActiveCells.ToArray(), Is.EqualTo(expected));
        // One winner per bursting column, inside that column.
        Assert.That(tm.WinnerCells.ToArray().Select(tm.ColumnOf), Is.EqualTo(novel.Sparse.ToArray()));
    }

    [Test]
    public void Compute_BurstsEveryColumn_OnTheFirstStep()
    {
        // A fresh memory has predicted nothing: the first input bursts all its columns.
        var tm = new TemporalMemory(Anchor with { ColumnCount = 256, CellsPerColumn = 4 });
        var input = Patterns(1, 256, 10, seed: 4)[0];
        tm.Compute(input, learn: true);
        Assert.That(tm.Anomaly, Is.EqualTo(1f));
        Assert.That(tm.ActiveCells.Length, Is.EqualTo(40));
        Assert.That(tm.PredictiveCells.Length, Is.Zero);
        Assert.That(tm.SegmentCount, Is.Zero, "no previous winners to connect to");
    }

    [Test]
    public void Compute_ActivatesOnlyThePredictedCells_InAPredictedColumn()
    {
        // In a learned sequence, the active cells of each step are exactly the cells predicted one step earlier.
        const int cells = 8;
        var tm = new TemporalMemory(Anchor with { CellsPerColumn = cells });
        var p = Patterns(5, 2048, 40, seed: 5);
        for (int rep = 0; rep < 20; rep++)
        {
            tm.Reset();
            for (int i = 0; i < p.Length; i++) tm.Compute(p[i], learn: true);
        }
        tm.Reset();
        tm.Compute(p[0], learn: true);
        for (int i = 1; i < p.Length; i++)
        {
            var predicted = tm.PredictiveCells.ToArray();
            tm.Compute(p[i], learn: true);
            Assert.That(tm.Anomaly, Is.Zero, $"element {i}");
            Assert.That(tm.ActiveCells.ToArray(), Is.EqualTo(predicted.Where(cell => p[i][tm.ColumnOf(cell)]).ToArray()), $"element {i}");
            Assert.That(tm.WinnerCells.ToArray(), Is.EqualTo(tm.ActiveCells.ToArray()), $"element {i}");
            foreach (var group in tm.ActiveCells.ToArray().GroupBy(tm.ColumnOf))
                Assert.That(group.Count(), Is.LessThan(cells), $"column {group.Key} of element {i} did not burst");
        }
    }

    [Test]
    public void Compute_ReportsTheShareOfUnpredictedColumnsAsAnomaly()
    {
        // A -> B learned; then A followed by half of B and half new columns scores anomaly 0.5.
        var tm = new TemporalMemory(Anchor with { ColumnCount = 1024, CellsPerColumn = 4 });
        var p = Patterns(3, 1024, 40, seed: 6);
        for (int rep = 0; rep < 10; rep++)
        {
            tm.Reset();
            tm.Compute(p[0], learn: true);
            tm.Compute(p[1], learn: true);
        }
        var half = Sdr.FromSparse(1024, p[1].Sparse[..20].ToArray().Concat(p[2].Sparse[..20].ToArray()).ToArray());
        tm.Reset();
        tm.Compute(p[0], learn: false);
        Assert.That(Share(PredictedColumns(tm), p[1]), Is.EqualTo(1.0));
        tm.Compute(half, learn: false);
        Assert.That(tm.Anomaly, Is.EqualTo(0.5f));
    }

    [Test]
    public void Compute_ActivatesEveryPredictedCell_WhenPredictedCellsOutnumberColumns()
    {
        // Dense input: B (all 16 columns) learned after A and after X, then seen after itself, predicts 2 cells in each
        // of its 16 columns; the 32 predicted cells all become active and winners.
        var tm = new TemporalMemory(TemporalMemoryParameters.Default with
        {
            ColumnCount = 16, CellsPerColumn = 4, InitialPermanence = 0.6f, ConnectedPermanence = 0.5f,
            ActivationThreshold = 4, MinThreshold = 2, MaxNewSynapseCount = 8, Seed = 7,
        });
        var a = Sdr.FromSparse(16, Enumerable.Range(0, 8).ToArray());
        var x = Sdr.FromSparse(16, Enumerable.Range(8, 8).ToArray());
        var b = Sdr.FromSparse(16, Enumerable.Range(0, 16).ToArray());
        for (int rep = 0; rep < 3; rep++)
        {
            tm.Reset(); tm.Compute(a, learn: true); tm.Compute(b, learn: true);
            tm.Reset(); tm.Compute(x, learn: true); tm.Compute(b, learn: true);
        }
        tm.Reset();
        tm.Compute(b, learn: false);
        var predicted = tm.PredictiveCells.ToArray();
        Assert.That(predicted, Has.Length.EqualTo(32));
        Assert.DoesNotThrow(() => tm.Compute(b, learn: true));
        Assert.That(tm.ActiveCells.ToArray(), Is.EqualTo(predicted));
        Assert.That(tm.WinnerCells.ToArray(), Is.EqualTo(predicted));
        Assert.That(tm.Anomaly, Is.Zero);
    }

    [Test]
    public void Compute_NeverExceedsSegmentAndSynapseLimits_AndRemovesOldOnesToMakeRoom()
    {
        // Tiny limits (2 segments per cell, 5 synapses per segment) under 600 steps of random 8-of-64-column inputs.
        var p = TemporalMemoryParameters.Default with
        {
            ColumnCount = 64, CellsPerColumn = 2, ActivationThreshold = 4, MinThreshold = 3, MaxNewSynapseCount = 8,
            MaxSegmentsPerCell = 2, MaxSynapsesPerSegment = 5, PermanenceDecrement = 0.02f, Seed = 8,
        };
        var tm = new TemporalMemory(p);
        var rng = new Rng(82);
        var all = Enumerable.Range(0, 64).ToArray();
        int created = 0, maxLive = 0;
        for (int step = 0; step < 600; step++)
        {
            rng.SampleInPlace(all, 8);
            tm.Compute(Sdr.FromSparse(64, all.AsSpan(0, 8)), learn: true);
            for (int cell = 0; cell < tm.CellCount; cell++)
                Assert.That(tm.SegmentsOnCell(cell), Is.LessThanOrEqualTo(2), $"step {step}, cell {cell}");
            Assert.That(SynapsesPerSegment(tm).Max(), Is.LessThanOrEqualTo(5), $"step {step}");
            // A segment made this step is stamped with this iteration and holds only initial-permanence synapses
            // (an older segment is stamped again only when active, which needs connected synapses).
            var fresh = new bool[tm.SegmentHighWater];
            for (int seg = 0; seg < tm.SegmentHighWater; seg++) fresh[seg] = tm.SegmentCell[seg] >= 0 && tm.SegmentLastUsed[seg] == tm.Iteration;
            for (int y = 0; y < tm.SynapseHighWater; y++)
                if (tm.SynapseSegment[y] >= 0 && tm.SynapsePermanence[y] != p.InitialPermanence) fresh[tm.SynapseSegment[y]] = false;
            created += fresh.Count(f => f);
            maxLive = Math.Max(maxLive, tm.SegmentCount);
        }
        TestContext.Out.WriteLine($"segments created {created}, most live {maxLive}, cap {tm.CellCount * 2}");
        Assert.That(maxLive, Is.LessThanOrEqualTo(tm.CellCount * 2));
        Assert.That(created, Is.GreaterThan(tm.CellCount * 2), "more segments were created than fit, so some were removed");
    }

    [Test]
    public void Compute_ReplacesTheLeastRecentlyUsedSegment_WhenTheCellIsFull()
    {
        // One-cell columns, 2 segments per cell: T learned after A1 and A2; A1 used again; T after A3 evicts A2's segment.
        var tm = new TemporalMemory(TemporalMemoryParameters.Default with
        {
            ColumnCount = 40, CellsPerColumn = 1, InitialPermanence = 0.6f, ConnectedPermanence = 0.5f,
            ActivationThreshold = 3, MinThreshold = 2, MaxNewSynapseCount = 5, MaxSegmentsPerCell = 2, Seed = 9,
        });
        var ctx = Patterns(3, 39, 5, seed: 91).Select(c => Sdr.FromSparse(40, c.Sparse)).ToArray();
        var t = Sdr.FromSparse(40, [39]);

        bool Predicts(Sdr context)
        {
            tm.Reset();
            tm.Compute(context, learn: false);
            return tm.PredictiveCells.Contains(39);
        }

        void Learn(Sdr context)
        {
            tm.Reset();
            tm.Compute(context, learn: true);
            tm.Compute(t, learn: true);
        }

        Learn(ctx[0]);
        Learn(ctx[1]);
        Assert.That(tm.SegmentsOnCell(39), Is.EqualTo(2));
        Assert.That(Predicts(ctx[0]) && Predicts(ctx[1]), Is.True);

        // Use A1's segment (learning on, T not shown), so A2's becomes the least recently used.
        tm.Reset();
        tm.Compute(ctx[0], learn: true);
        Learn(ctx[2]);

        Assert.That(tm.SegmentsOnCell(39), Is.EqualTo(2));
        Assert.That(Predicts(ctx[0]), Is.True, "recently used segment kept");
        Assert.That(Predicts(ctx[1]), Is.False, "least recently used segment removed");
        Assert.That(Predicts(ctx[2]), Is.True, "new segment");
    }

    [Test]
    public void Compute_ReplacesTheWeakestSynapses_WhenTheSegmentIsFull()
    {
        // A 4-synapse segment learned on context A (cells 0-3) then reinforced on A' (cells 2-5): the two synapses
        // that lost permanence (to cells 0 and 1) make room for cells 4 and 5.
        var tm = new TemporalMemory(TemporalMemoryParameters.Default with
        {
            ColumnCount = 10, CellsPerColumn = 1, InitialPermanence = 0.3f, ConnectedPermanence = 0.5f,
            ActivationThreshold = 4, MinThreshold = 2, MaxNewSynapseCount = 4, MaxSynapsesPerSegment = 4,
            PermanenceIncrement = 0.1f, PermanenceDecrement = 0.05f, Seed = 10,
        });
        var a = Sdr.FromSparse(10, [0, 1, 2, 3]);
        var a2 = Sdr.FromSparse(10, [2, 3, 4, 5]);
        var t = Sdr.FromSparse(10, [9]);
        tm.Reset(); tm.Compute(a, learn: true); tm.Compute(t, learn: true);
        var segment = SegmentsOn(tm, 9).Single();
        Assert.That(Presynaptic(tm, segment), Is.EqualTo(new[] { 0, 1, 2, 3 }));

        tm.Reset(); tm.Compute(a2, learn: true); tm.Compute(t, learn: true);
        Assert.That(SegmentsOn(tm, 9), Is.EqualTo(new[] { segment }), "the matching segment was reused");
        Assert.That(Presynaptic(tm, segment), Is.EqualTo(new[] { 2, 3, 4, 5 }));
        var perms = Enumerable.Range(0, tm.SynapseHighWater).Where(y => tm.SynapseSegment[y] == segment)
            .ToDictionary(y => tm.SynapsePresynaptic[y], y => tm.SynapsePermanence[y]);
        Assert.That(perms[2], Is.EqualTo(0.4f).Within(1e-6f));
        Assert.That(perms[4], Is.EqualTo(0.3f).Within(1e-6f));
    }

    [Test]
    public void Compute_CreatesNoSegments_WhenLearningIsOff()
    {
        // 200 steps of a repeated sequence with learning off: no segment or synapse appears.
        var tm = new TemporalMemory(Anchor with { CellsPerColumn = 8 });
        var p = Patterns(10, 2048, 40, seed: 11);
        for (int step = 0; step < 200; step++) tm.Compute(p[step % 10], learn: false);
        Assert.That(tm.SegmentCount, Is.Zero);
        Assert.That(tm.SynapseCount, Is.Zero);
        Assert.That(tm.Anomaly, Is.EqualTo(1f));
    }

    [Test]
    public void Compute_LeavesSegmentsAndPermanencesUnchanged_WhenLearningIsOff()
    {
        // A trained memory with punishment on: inference on known and novel inputs changes no table entry.
        var tm = new TemporalMemory(Anchor with { CellsPerColumn = 8, PredictedSegmentDecrement = 0.01f });
        var p = Patterns(12, 2048, 40, seed: 12);
        for (int step = 0; step < 60; step++) tm.Compute(p[step % 8], learn: true);
        int[] segCell = tm.SegmentCell.AsSpan(0, tm.SegmentHighWater).ToArray();
        long[] lastUsed = tm.SegmentLastUsed.AsSpan(0, tm.SegmentHighWater).ToArray();
        int[] pre = tm.SynapsePresynaptic.AsSpan(0, tm.SynapseHighWater).ToArray();
        int[] seg = tm.SynapseSegment.AsSpan(0, tm.SynapseHighWater).ToArray();
        float[] perm = tm.SynapsePermanence.AsSpan(0, tm.SynapseHighWater).ToArray();
        int predictedSteps = 0;
        for (int step = 0; step < 60; step++)
        {
            tm.Compute(p[(step * 7) % 12], learn: false);
            if (tm.PredictiveCells.Length > 0) predictedSteps++;
        }
        Assert.That(predictedSteps, Is.GreaterThan(0), "inference still predicts");
        Assert.That(tm.SegmentCell.AsSpan(0, tm.SegmentHighWater).ToArray(), Is.EqualTo(segCell));
        Assert.That(tm.SegmentLastUsed.AsSpan(0, tm.SegmentHighWater).ToArray(), Is.EqualTo(lastUsed));
        Assert.That(tm.SynapsePresynaptic.AsSpan(0, tm.SynapseHighWater).ToArray(), Is.EqualTo(pre));
        Assert.That(tm.SynapseSegment.AsSpan(0, tm.SynapseHighWater).ToArray(), Is.EqualTo(seg));
        Assert.That(tm.SynapsePermanence.AsSpan(0, tm.SynapseHighWater).ToArray(), Is.EqualTo(perm));

        // Control: one learning step does change them.
        tm.Compute(p[0], learn: true);
        Assert.That(tm.SynapsePermanence.AsSpan(0, tm.SynapseHighWater).ToArray(), Is.Not.EqualTo(perm));
    }

    [Test]
    public void Compute_GivesIdenticalCells_ForTheSameSeed()
    {
        // Two pooler + memory pairs built from the same parameters agree on every cell set and anomaly for 300 steps.
        var spParams = SpatialPoolerParameters.Default with { InputDimensions = [500], ColumnDimensions = [1024], NumActiveColumnsPerInhArea = 20, BoostStrength = 1 };
        var tmParams = Anchor with { ColumnCount = 1024, CellsPerColumn = 8, PredictedSegmentDecrement = 0.004f };
        var (spA, tmA) = (new SpatialPooler(spParams), new TemporalMemory(tmParams));
        var (spB, tmB) = (new SpatialPooler(spParams), new TemporalMemory(tmParams));
        var tmOther = new TemporalMemory(tmParams with { Seed = 43 });
        var rng = new Rng(13);
        var inputs = Enumerable.Range(0, 15).Select(_ => { var all = Enumerable.Range(0, 500).ToArray(); rng.SampleInPlace(all, 15); return Sdr.FromSparse(500, all.AsSpan(0, 15)); }).ToArray();
        Sdr colsA = new(1024), colsB = new(1024);
        int winnersDiffer = 0;
        for (int step = 0; step < 300; step++)
        {
            var input = step % 50 == 49 ? inputs[rng.NextInt(15)] : inputs[step % 15];
            spA.Compute(input, learn: true, colsA);
            spB.Compute(input, learn: true, colsB);
            tmA.Compute(colsA, learn: true);
            tmB.Compute(colsB, learn: true);
            tmOther.Compute(colsA, learn: true);
            Assert.That(colsB, Is.EqualTo(colsA), $"step {step} columns");
            Assert.That(tmB.ActiveCells.ToArray(), Is.EqualTo(tmA.ActiveCells.ToArray()), $"step {step} active");
            Assert.That(tmB.WinnerCells.ToArray(), Is.EqualTo(tmA.WinnerCells.ToArray()), $"step {step} winners");
            Assert.That(tmB.PredictiveCells.ToArray(), Is.EqualTo(tmA.PredictiveCells.ToArray()), $"step {step} predictive");
            Assert.That(tmB.Anomaly, Is.EqualTo(tmA.Anomaly), $"step {step} anomaly");
            if (!tmOther.WinnerCells.SequenceEqual(tmA.WinnerCells)) winnersDiffer++;
        }
        Assert.That(winnersDiffer, Is.GreaterThan(0), "another seed picks other winner cells");
    }

    [Test]
    public void Compute_WeakensWrongPredictions_WhenPredictedSegmentDecrementIsPositive()
    {
        // A -> B learned, then A -> C shown 15 times: with punishment A stops predicting B, without it B stays predicted.
        (double b, double c, float maxPermanenceOnB) Run(float decrement)
        {
            var tm = new TemporalMemory(Anchor with { ColumnCount = 1024, CellsPerColumn = 4, PredictedSegmentDecrement = decrement });
            var p = Patterns(3, 1024, 40, seed: 14);
            for (int rep = 0; rep < 6; rep++) { tm.Reset(); tm.Compute(p[0], learn: true); tm.Compute(p[1], learn: true); }
            for (int rep = 0; rep < 15; rep++) { tm.Reset(); tm.Compute(p[0], learn: true); tm.Compute(p[2], learn: true); }
            tm.Reset();
            tm.Compute(p[0], learn: false);
            var predicted = PredictedColumns(tm);
            float max = 0;
            for (int y = 0; y < tm.SynapseHighWater; y++)
                if (tm.SynapseSegment[y] >= 0 && p[1][tm.ColumnOf(tm.SegmentCell[tm.SynapseSegment[y]])]) max = Math.Max(max, tm.SynapsePermanence[y]);
            return (Share(predicted, p[1]), Share(predicted, p[2]), max);
        }

        var punished = Run(0.05f);
        var plain = Run(0f);
        TestContext.Out.WriteLine($"punished: B {punished.b:F2} C {punished.c:F2} maxPerm {punished.maxPermanenceOnB:F2}; plain: B {plain.b:F2} C {plain.c:F2} maxPerm {plain.maxPermanenceOnB:F2}");
        Assert.That(plain.b, Is.GreaterThanOrEqualTo(0.95), "without punishment the old prediction stays");
        Assert.That(punished.b, Is.LessThanOrEqualTo(0.05), "with punishment the wrong prediction is dropped");
        Assert.That(punished.c, Is.GreaterThanOrEqualTo(0.95));
        Assert.That(plain.c, Is.GreaterThanOrEqualTo(0.95));
        Assert.That(punished.maxPermanenceOnB, Is.LessThan(plain.maxPermanenceOnB));
    }

    [Test]
    public void Reset_ForgetsTheContext_ButKeepsLearnedSynapses()
    {
        // After Reset nothing is predicted and the next input bursts; the learned transition still works afterwards.
        var tm = new TemporalMemory(Anchor with { ColumnCount = 1024, CellsPerColumn = 4 });
        var p = Patterns(2, 1024, 40, seed: 15);
        for (int rep = 0; rep < 8; rep++) { tm.Reset(); tm.Compute(p[0], learn: true); tm.Compute(p[1], learn: true); }
        int synapses = tm.SynapseCount;
        tm.Compute(p[0], learn: false);
        Assert.That(tm.PredictiveCells.Length, Is.GreaterThan(0));
        tm.Reset();
        Assert.That(tm.PredictiveCells.Length, Is.Zero);
        Assert.That(tm.ActiveCells.Length, Is.Zero);
        Assert.That(tm.WinnerCells.Length, Is.Zero);
        Assert.That(tm.SynapseCount, Is.EqualTo(synapses));
        tm.Compute(p[1], learn: false);
        Assert.That(tm.Anomaly, Is.EqualTo(1f), "B without its context is a surprise");
        tm.Reset();
        tm.Compute(p[0], learn: false);
        tm.Compute(p[1], learn: false);
        Assert.That(tm.Anomaly, Is.Zero);
    }

    [Test]
    public void Compute_Throws_WhenColumnsAreUnsortedDuplicatedOrOutOfRange()
    {
        // Active columns must be ascending, unique and below ColumnCount.
        var tm = new TemporalMemory(Anchor with { ColumnCount = 100, CellsPerColumn = 2 });
        Assert.Throws<ArgumentException>(() => tm.Compute([5, 3], learn: true, default, default));
        Assert.Throws<ArgumentException>(() => tm.Compute([3, 3], learn: true, default, default));
        Assert.Throws<ArgumentException>(() => tm.Compute([3, 100], learn: true, default, default));
        Assert.Throws<ArgumentException>(() => tm.Compute([1, 2], learn: true, [0], [0]), "no external input configured");
    }

    [Test]
    public void Validate_ReportsEveryInvalidField_WithItsCamelCaseName()
    {
        // Every field wrong at once: each is reported under its camelCase name, and the constructor lists them all.
        Assert.That(TemporalMemoryParameters.Default.Validate(), Is.Empty);
        Assert.That(Anchor.Validate(), Is.Empty);
        var bad = TemporalMemoryParameters.Default with
        {
            ColumnCount = 0, CellsPerColumn = 0, ActivationThreshold = 0, MinThreshold = 0, InitialPermanence = -0.1f,
            ConnectedPermanence = 1.5f, MaxNewSynapseCount = 0, PermanenceIncrement = float.NaN, PermanenceDecrement = -1f,
            PredictedSegmentDecrement = 2f, MaxSegmentsPerCell = 0, MaxSynapsesPerSegment = 0, ExternalInputSize = -1,
        };
        string[] expected =
        [
            "columnCount", "cellsPerColumn", "activationThreshold", "minThreshold", "initialPermanence", "connectedPermanence",
            "maxNewSynapseCount", "permanenceIncrement", "permanenceDecrement", "predictedSegmentDecrement", "maxSegmentsPerCell",
            "maxSynapsesPerSegment", "externalInputSize",
        ];
        Assert.That(bad.Validate().Select(e => e.Field).Distinct(), Is.EquivalentTo(expected));
        var ex = Assert.Throws<ArgumentException>(() => _ = new TemporalMemory(bad));
        foreach (string field in expected) Assert.That(ex!.Message, Does.Contain(field));

        Assert.That((Anchor with { MinThreshold = 14 }).Validate().Select(e => e.Field), Is.EqualTo(new[] { "minThreshold" }));
        Assert.That((Anchor with { ColumnCount = 1 << 20, CellsPerColumn = 32 }).Validate().Select(e => e.Field), Is.EqualTo(new[] { "cellsPerColumn" }));
    }
}
