using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Tests.Sdrs;

[TestFixture]
public sealed class SdrTests
{
    [Test]
    public void SetSparse_SortsAndMergesDuplicates_AndKeepsDenseInSync()
    {
        // Unordered indices with a duplicate become one sorted, unique set in both views.
        var sdr = new Sdr(4, 5);
        sdr.SetSparse([7, 2, 19, 2]);
        Assert.That(sdr.Size, Is.EqualTo(20));
        Assert.That(sdr.Dimensions.ToArray(), Is.EqualTo(new[] { 4, 5 }));
        Assert.That(sdr.Sparse.ToArray(), Is.EqualTo(new[] { 2, 7, 19 }));
        Assert.That(Enumerable.Range(0, 20).Where(i => sdr.Dense[i] == 1), Is.EqualTo(new[] { 2, 7, 19 }));
        sdr.SetSparse([3]);
        Assert.That(sdr.Dense.ToArray().Count(b => b != 0), Is.EqualTo(1), "old bits are cleared");
    }

    [Test]
    public void SetDense_MatchesSetSparse()
    {
        // The dense and sparse setters describe the same SDR.
        var bits = new byte[10];
        bits[1] = bits[4] = bits[9] = 1;
        var a = new Sdr(10);
        a.SetDense(bits);
        var b = Sdr.FromSparse(10, [9, 1, 4]);
        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
    }

    [Test]
    public void SetSparse_Throws_ForIndexOutsideTheSdr()
    {
        // Out-of-range bits are refused, not silently dropped.
        var sdr = new Sdr(10);
        Assert.Throws<ArgumentOutOfRangeException>(() => sdr.SetSparse([10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => sdr.SetSparse([-1]));
    }

    [Test]
    public void OverlapUnionIntersection_AgreeWithSetArithmetic_ForRandomSdrs()
    {
        // Property: the SDR operations equal the same operations on sets, over many random pairs.
        var rng = new Rng(11);
        for (int trial = 0; trial < 200; trial++)
        {
            int size = 50 + rng.NextInt(500);
            var x = RandomSet(rng, size);
            var y = RandomSet(rng, size);
            var a = Sdr.FromSparse(size, x);
            var b = Sdr.FromSparse(size, y);
            Assert.That(a.GetOverlap(b), Is.EqualTo(x.Intersect(y).Count()));
            var union = new Sdr(size);
            union.SetUnion(a, b);
            Assert.That(union.Sparse.ToArray(), Is.EqualTo(x.Union(y).Order().ToArray()));
            var intersection = new Sdr(size);
            intersection.SetIntersection(a, b);
            Assert.That(intersection.Sparse.ToArray(), Is.EqualTo(x.Intersect(y).Order().ToArray()));
        }
    }

    [Test]
    public void SetUnion_Works_WhenTheTargetIsAnOperand()
    {
        // a ∪= b must not read bits it has already overwritten.
        var a = Sdr.FromSparse(10, [1, 3]);
        var b = Sdr.FromSparse(10, [2, 3, 8]);
        a.SetUnion(a, b);
        Assert.That(a.Sparse.ToArray(), Is.EqualTo(new[] { 1, 2, 3, 8 }));
    }

    [Test]
    public void AddNoise_MovesTheAskedShareOfBits_AndKeepsTheCount()
    {
        // 10 % noise on 40 active bits moves exactly 4 of them to inactive positions.
        var rng = new Rng(5);
        var original = Sdr.FromSparse(1000, RandomSet(rng, 1000, 40));
        var noisy = new Sdr(1000);
        noisy.CopyFrom(original);
        noisy.AddNoise(0.1, new Rng(6));
        Assert.That(noisy.ActiveCount, Is.EqualTo(40));
        Assert.That(noisy.GetOverlap(original), Is.EqualTo(36));
    }

    [Test]
    public void AddNoise_IsDeterministic_ForTheSameSeed()
    {
        // Same seed, same noise.
        var a = Sdr.FromSparse(500, Enumerable.Range(0, 25).Select(i => i * 20).ToArray());
        var b = new Sdr(500);
        b.CopyFrom(a);
        a.AddNoise(0.5, new Rng(9));
        b.AddNoise(0.5, new Rng(9));
        Assert.That(a, Is.EqualTo(b));
    }

    [Test]
    public void Equality_DependsOnActiveBits_AndSize()
    {
        // Different bits or a different size make SDRs unequal.
        Assert.That(Sdr.FromSparse(10, [1, 2]), Is.Not.EqualTo(Sdr.FromSparse(10, [1, 3])));
        Assert.That(Sdr.FromSparse(10, [1, 2]), Is.Not.EqualTo(Sdr.FromSparse(11, [1, 2])));
        Assert.Throws<ArgumentException>(() => Sdr.FromSparse(10, [1]).GetOverlap(new Sdr(11)));
    }

    private static int[] RandomSet(Rng rng, int size, int? count = null)
    {
        var all = Enumerable.Range(0, size).ToArray();
        int n = count ?? rng.NextInt(size / 4 + 1);
        rng.SampleInPlace(all, n);
        return all[..n];
    }
}
