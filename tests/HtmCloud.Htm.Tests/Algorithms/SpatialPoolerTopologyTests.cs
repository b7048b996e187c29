using HtmCloud.Htm.Algorithms;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Tests.Algorithms;

public class SpatialPoolerTopologyTests
{
    // 32x32 input under 16x16 columns: column (r, c) is centred on input (2r + 1, 2c + 1).
    private static SpatialPoolerParameters Sheet(int radius, bool wrap, double pct = 1) => SpatialPoolerParameters.Default with
    {
        InputDimensions = [32, 32], ColumnDimensions = [16, 16], PotentialRadius = radius, PotentialPct = pct,
        WrapAround = wrap, GlobalInhibition = false, NumActiveColumnsPerInhArea = 5, Seed = 17,
    };

    private static int WrappedDistance(int a, int b, int size)
    {
        int d = Math.Abs(a - b) % size;
        return Math.Min(d, size - d);
    }

    [Test]
    public void PotentialPools_AreLocalSquaresThatWrapAtTheEdges_In2D()
    {
        // Radius 3 and PotentialPct 1: every column's pool is the full 7x7 square around its centre, wrapped at the edges.
        var sp = new SpatialPooler(Sheet(radius: 3, wrap: true));
        for (int column = 0; column < 256; column++)
        {
            int cr = 2 * (column / 16) + 1, cc = 2 * (column % 16) + 1;
            var pool = sp.GetPotentialInputs(column).ToArray();
            Assert.That(pool, Has.Length.EqualTo(49), $"column {column}");
            Assert.That(pool, Is.Ordered.Ascending.And.Unique, $"column {column}");
            foreach (int input in pool)
            {
                Assert.That(WrappedDistance(input / 32, cr, 32), Is.LessThanOrEqualTo(3), $"column {column}, input {input}");
                Assert.That(WrappedDistance(input % 32, cc, 32), Is.LessThanOrEqualTo(3), $"column {column}, input {input}");
            }
        }
        // The corner column (centre (1, 1)) reaches across both edges to input (30, 30) and (31, 31), but not (27, 27).
        var corner = sp.GetPotentialInputs(0).ToArray();
        Assert.That(corner, Does.Contain(30 * 32 + 30).And.Contain(31 * 32 + 31).And.Contain(0).And.Contain(4 * 32 + 4));
        Assert.That(corner, Does.Not.Contain(27 * 32 + 27).And.Not.Contain(5 * 32 + 5));
    }

    [Test]
    public void PotentialPools_AreClippedAtTheEdges_WithoutWrapAround()
    {
        // The same sheet without wrap-around: the corner column keeps only the 5x5 part of its square inside the input.
        var sp = new SpatialPooler(Sheet(radius: 3, wrap: false));
        var corner = sp.GetPotentialInputs(0).ToArray();
        var expected = Enumerable.Range(0, 5).SelectMany(r => Enumerable.Range(0, 5).Select(c => r * 32 + c)).ToArray();
        Assert.That(corner, Is.EqualTo(expected));
        var centre = sp.GetPotentialInputs(8 * 16 + 8).ToArray();
        Assert.That(centre, Has.Length.EqualTo(49), "an interior column keeps its whole square");
    }

    [Test]
    public void PotentialPools_Wrap_In1D()
    {
        // 1-D, 100 inputs under 50 columns, radius 4: column 0 (centre 1) takes inputs 97..99 and 0..5.
        var sp = new SpatialPooler(SpatialPoolerParameters.Default with
        {
            InputDimensions = [100], ColumnDimensions = [50], PotentialRadius = 4, PotentialPct = 1,
            NumActiveColumnsPerInhArea = 5, WrapAround = true,
        });
        Assert.That(sp.GetPotentialInputs(0).ToArray(), Is.EqualTo(new[] { 0, 1, 2, 3, 4, 5, 97, 98, 99 }));
        Assert.That(sp.GetPotentialInputs(49).ToArray(), Is.EqualTo(new[] { 0, 1, 2, 3, 95, 96, 97, 98, 99 }));
        Assert.That(sp.GetPotentialInputs(25).ToArray(), Is.EqualTo(Enumerable.Range(47, 9).ToArray()));
    }

    [Test]
    public void PotentialPools_HoldPotentialPctOfTheNeighbourhood_WithAboutInitialConnectedPctConnected()
    {
        // PotentialPct 0.5 of a 7x7 square is round(24.5) = 24 inputs, all inside the square; about half start connected.
        var p = Sheet(radius: 3, wrap: true, pct: 0.5) with { InitialConnectedPct = 0.5 };
        var sp = new SpatialPooler(p);
        long connected = 0, total = 0;
        var seenInputs = new HashSet<int>();
        for (int column = 0; column < 256; column++)
        {
            var pool = sp.GetPotentialInputs(column).ToArray();
            Assert.That(pool, Has.Length.EqualTo(24));
            Assert.That(pool, Is.Unique);
            foreach (int input in pool) seenInputs.Add(input);
            connected += sp.GetConnectedCount(column);
            total += pool.Length;
            foreach (float perm in sp.GetPermanences(column)) Assert.That(perm, Is.InRange(0f, 1f));
        }
        Assert.That((double)connected / total, Is.InRange(0.45, 0.55));
        Assert.That(seenInputs, Has.Count.GreaterThan(900), "pools are sampled, not all the same corner of the square");
    }

    [Test]
    public void LocalInhibition_LetsEveryAreaOfTheSheetWin_WhenOneAreaHasMuchMoreInput()
    {
        // Dense input in the top-left quadrant, sparse elsewhere: global inhibition picks only top-left columns,
        // local inhibition still activates columns in every quadrant.
        var input = new List<int>();
        var rng = new Rng(19);
        for (int r = 0; r < 32; r++)
            for (int c = 0; c < 32; c++)
                if (rng.NextDouble() < (r < 16 && c < 16 ? 0.6 : 0.1)) input.Add(r * 32 + c);
        var sdr = Sdr.FromSparse(1024, input.ToArray());

        int[] Quadrants(bool global)
        {
            var sp = new SpatialPooler(Sheet(radius: 3, wrap: false) with { GlobalInhibition = global, NumActiveColumnsPerInhArea = global ? 20 : 2 });
            var output = new Sdr(16, 16);
            sp.Compute(sdr, learn: false, output);
            var counts = new int[4];
            foreach (int col in output.Sparse) counts[(col / 16 >= 8 ? 2 : 0) + (col % 16 >= 8 ? 1 : 0)]++;
            return counts;
        }

        var global = Quadrants(global: true);
        var local = Quadrants(global: false);
        TestContext.Out.WriteLine($"global {string.Join(',', global)}; local {string.Join(',', local)}");
        Assert.That(global[1] + global[2] + global[3], Is.Zero);
        Assert.That(local, Is.All.GreaterThan(0));
    }

    [Test]
    public void LocalInhibition_ActivatesAColumnOnlyIfFewerThanTheAllowedNeighboursBeatIt()
    {
        // Within each column's inhibition neighbourhood, a winner is beaten by fewer than k columns, a loser by at least k.
        var p = Sheet(radius: 3, wrap: true) with { LocalAreaDensity = 0.1 };
        var sp = new SpatialPooler(p);
        var rng = new Rng(23);
        var output = new Sdr(16, 16);
        for (int step = 0; step < 10; step++)
        {
            var all = Enumerable.Range(0, 1024).ToArray();
            rng.SampleInPlace(all, 100);
            sp.Compute(Sdr.FromSparse(1024, all.AsSpan(0, 100)), learn: true, output);
        }
        int radius = sp.CurrentInhibitionRadius;
        var input = Enumerable.Range(0, 1024).Where(_ => rng.NextDouble() < 0.1).ToArray();
        sp.Compute(Sdr.FromSparse(1024, input), learn: false, output);
        for (int column = 0; column < 256; column++)
        {
            int r = column / 16, c = column % 16, size = 0, better = 0;
            var neighbours = new HashSet<int>();
            for (int dr = -radius; dr <= radius; dr++)
                for (int dc = -radius; dc <= radius; dc++)
                    neighbours.Add(2 * radius + 1 >= 16 ? -1 : ((r + dr + 16) % 16) * 16 + (c + dc + 16) % 16);
            if (neighbours.Contains(-1)) { neighbours.Clear(); for (int i = 0; i < 256; i++) neighbours.Add(i); }
            size = neighbours.Count;
            foreach (int other in neighbours)
                if (other != column && (sp.Overlaps[other] > sp.Overlaps[column] || (sp.Overlaps[other] == sp.Overlaps[column] && sp.TieRank[other] > sp.TieRank[column])))
                    better++;
            int allowed = Math.Max(1, (int)(0.5 + 0.1 * size));
            Assert.That(output[column], Is.EqualTo(better < allowed), $"column {column}: {better} better of {size}, {allowed} allowed (radius {radius})");
        }
    }

    [Test]
    public void InhibitionRadius_FollowsTheReceptiveFieldSize_WhenPoolsWrapAround()
    {
        // Columns and inputs one to one on a 32x32 torus, pools of radius 3 (7x7): the receptive fields span 7 inputs
        // = 7 columns, so the inhibition radius is 3 for an edge column as much as for an interior one.
        SpatialPooler Make(bool wrap) => new(SpatialPoolerParameters.Default with
        {
            InputDimensions = [32, 32], ColumnDimensions = [32, 32], PotentialRadius = 3, PotentialPct = 1, InitialConnectedPct = 0.5,
            WrapAround = wrap, GlobalInhibition = false, NumActiveColumnsPerInhArea = 5, Seed = 29,
        });
        var wrapped = Make(wrap: true);
        var clipped = Make(wrap: false);
        TestContext.Out.WriteLine($"inhibition radius: {wrapped.CurrentInhibitionRadius} with wrap-around, {clipped.CurrentInhibitionRadius} without");
        Assert.That(clipped.CurrentInhibitionRadius, Is.EqualTo(3));
        Assert.That(wrapped.CurrentInhibitionRadius, Is.EqualTo(3));
    }
}
