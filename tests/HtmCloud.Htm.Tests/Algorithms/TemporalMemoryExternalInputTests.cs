using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Tests.Algorithms;

public class TemporalMemoryExternalInputTests
{
    private const int Columns = 1024, CellsPerColumn = 8, Active = 40;

    private static TemporalMemoryParameters Pool(ulong seed, int externalInputSize) => TemporalMemoryParameters.Default with
    {
        ColumnCount = Columns, CellsPerColumn = CellsPerColumn, ActivationThreshold = 16, MinThreshold = 10,
        MaxNewSynapseCount = 20, InitialPermanence = 0.21f, ConnectedPermanence = 0.5f,
        PermanenceIncrement = 0.1f, PermanenceDecrement = 0.1f, ExternalInputSize = externalInputSize, Seed = seed,
    };

    private static Sdr[] Patterns(int count, ulong seed)
    {
        var rng = new Rng(seed);
        var all = new int[Columns];
        for (int i = 0; i < Columns; i++) all[i] = i;
        rng.Shuffle(all);
        return Enumerable.Range(0, count).Select(p => Sdr.FromSparse(Columns, all.AsSpan(p * Active, Active))).ToArray();
    }

    private static double Share(TemporalMemory tm, Sdr pattern) =>
        (double)tm.PredictiveCells.ToArray().Select(tm.ColumnOf).Distinct().Count(c => pattern[c]) / pattern.ActiveCount;

    /// <summary>
    /// Pool A sees context C1 or C2 then E; pool B sees P then Q1 or Q2, chosen by A's context. B with A's cells as
    /// external input and B alone are trained side by side on the same episodes.
    /// </summary>
    private sealed class Setup
    {
        public readonly TemporalMemory A = new(Pool(1, 0));
        public readonly TemporalMemory B;
        public readonly TemporalMemory Alone = new(Pool(2, 0));
        public readonly Sdr[] Context, Next;
        public readonly Sdr E, P;

        public Setup()
        {
            B = new TemporalMemory(Pool(2, A.CellCount));
            var a = Patterns(3, seed: 11);
            var b = Patterns(3, seed: 12);
            Context = [a[0], a[1]];
            E = a[2];
            P = b[0];
            Next = [b[1], b[2]];
        }

        /// <summary>First step of an episode: A sees its context, B sees P with A's cells of this step.</summary>
        public void First(int k, bool learn)
        {
            A.Reset(); B.Reset(); Alone.Reset();
            A.Compute(Context[k], learn);
            B.Compute(P.Sparse, learn, A.ActiveCells, A.WinnerCells);
            Alone.Compute(P, learn);
        }

        /// <summary>Second step: the element that depends on A's context.</summary>
        public void Second(int k, bool learn)
        {
            A.Compute(E, learn);
            B.Compute(Next[k].Sparse, learn, A.ActiveCells, A.WinnerCells);
            Alone.Compute(Next[k], learn);
        }
    }

    [Test]
    public void Compute_PredictsTheContextDependentElement_WithAnotherPoolsCellsAsExternalInput()
    {
        // B always sees P, then Q1 or Q2 as A's context C1 or C2 dictates: only B fed with A's cells predicts the right Q.
        var s = new Setup();
        var rng = new Rng(13);
        double lateAnomaly = 0;
        for (int episode = 0; episode < 40; episode++)
        {
            int k = rng.NextInt(2);
            s.First(k, learn: true);
            s.Second(k, learn: true);
            if (episode >= 30) lateAnomaly = Math.Max(lateAnomaly, s.B.Anomaly);
        }
        TestContext.Out.WriteLine($"B with external input: worst anomaly on Q over the last 10 episodes {lateAnomaly:F3}");
        Assert.That(lateAnomaly, Is.LessThanOrEqualTo(0.05));

        for (int k = 0; k < 2; k++)
        {
            s.First(k, learn: false);
            double right = Share(s.B, s.Next[k]), wrong = Share(s.B, s.Next[1 - k]);
            double aloneRight = Share(s.Alone, s.Next[k]), aloneWrong = Share(s.Alone, s.Next[1 - k]);
            TestContext.Out.WriteLine($"context {k}: with external right {right:F2} wrong {wrong:F2}; alone right {aloneRight:F2} wrong {aloneWrong:F2}");
            Assert.That(right, Is.GreaterThanOrEqualTo(0.95), $"context {k}: B predicts the right element");
            Assert.That(wrong, Is.LessThanOrEqualTo(0.05), $"context {k}: B does not predict the other element");
            // Without A's cells, P looks the same in both contexts: B alone predicts both elements every time.
            Assert.That(aloneWrong, Is.GreaterThanOrEqualTo(0.9), $"context {k}: B alone cannot rule out the other element");
            Assert.That(aloneRight, Is.GreaterThanOrEqualTo(0.9), $"context {k}");

            s.Second(k, learn: false);
            Assert.That(s.B.Anomaly, Is.LessThanOrEqualTo(0.05f), $"context {k}: anomaly of B on the element");
        }

        // B's segments reach into A's cells; its own cell sets never contain them.
        int external = 0;
        for (int y = 0; y < s.B.SynapseHighWater; y++)
            if (s.B.SynapseSegment[y] >= 0 && s.B.SynapsePresynaptic[y] >= s.B.CellCount) external++;
        Assert.That(external, Is.GreaterThan(0));
        Assert.That(s.B.ActiveCells.ToArray(), Is.All.LessThan(s.B.CellCount));
        Assert.That(s.B.WinnerCells.ToArray(), Is.All.LessThan(s.B.CellCount));
    }

    [Test]
    public void Compute_PredictsFromExternalInputAlone_WhenOwnCellsAreSilent()
    {
        // B learns Q after external pattern Z with no active columns of its own; later Z alone makes B predict Q.
        var b = new TemporalMemory(Pool(3, 500) with { ActivationThreshold = 13, MinThreshold = 10 });
        var q = Patterns(1, seed: 31)[0];
        int[] z = Enumerable.Range(0, 40).Select(i => i * 12).ToArray();
        for (int rep = 0; rep < 6; rep++)
        {
            b.Reset();
            b.Compute([], learn: true, z, z);
            b.Compute(q.Sparse, learn: true, [], []);
        }
        b.Reset();
        b.Compute([], learn: false, z, z);
        Assert.That(Share(b, q), Is.EqualTo(1.0));
        b.Reset();
        b.Compute([], learn: false, z.Select(i => i + 1).ToArray(), z.Select(i => i + 1).ToArray());
        Assert.That(b.PredictiveCells.Length, Is.Zero, "other external cells predict nothing");
    }

    [Test]
    public void Compute_Throws_WhenExternalCellsAreUnsortedOrOutOfRange()
    {
        // External cells must be ascending, unique and below ExternalInputSize.
        var b = new TemporalMemory(Pool(4, 100));
        Assert.Throws<ArgumentException>(() => b.Compute([1, 2], learn: true, [5, 3], []));
        Assert.Throws<ArgumentException>(() => b.Compute([1, 2], learn: true, [3, 3], []));
        Assert.Throws<ArgumentException>(() => b.Compute([1, 2], learn: true, [100], []));
        Assert.Throws<ArgumentException>(() => b.Compute([1, 2], learn: true, [], [100]));
        Assert.DoesNotThrow(() => b.Compute([1, 2], learn: true, [0, 99], [99]));
    }
}
