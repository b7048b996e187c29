using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Tests.Utils;

[TestFixture]
public sealed class RngTests
{
    [Test]
    public void Sequence_IsIdentical_ForTheSameSeed_AndDiffers_ForAnother()
    {
        // The seed fully determines the stream.
        var a = new Rng(123);
        var b = new Rng(123);
        var c = new Rng(124);
        var xs = Enumerable.Range(0, 100).Select(_ => a.NextUInt64()).ToArray();
        Assert.That(Enumerable.Range(0, 100).Select(_ => b.NextUInt64()), Is.EqualTo(xs));
        Assert.That(Enumerable.Range(0, 100).Select(_ => c.NextUInt64()), Is.Not.EqualTo(xs));
    }

    [Test]
    public void FirstOutput_MatchesXoshiro256StarStarSeededBySplitMix64()
    {
        // Pins the documented algorithm: SplitMix64(0) state words, then one xoshiro256** output (rotl(s1·5, 7)·9).
        ulong x = 0;
        ulong Next() { ulong z = x += 0x9E3779B97F4A7C15UL; z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL; z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL; return z ^ (z >> 31); }
        Next();
        ulong s1 = Next();
        Assert.That(new Rng(0).NextUInt64(), Is.EqualTo(ulong.RotateLeft(s1 * 5, 7) * 9));
    }

    [Test]
    public void State_RoundTrips_AndContinuesTheSameStream()
    {
        // A generator restored from its state words continues exactly where the original is.
        var a = new Rng(77);
        for (int i = 0; i < 10; i++) a.NextUInt64();
        var (s0, s1, s2, s3) = a.State;
        var b = Rng.FromState(s0, s1, s2, s3);
        Assert.That(Enumerable.Range(0, 50).Select(_ => b.NextInt(1000)), Is.EqualTo(Enumerable.Range(0, 50).Select(_ => a.NextInt(1000))));
        Assert.Throws<ArgumentException>(() => Rng.FromState(0, 0, 0, 0));
    }

    [Test]
    public void NextInt_IsUniform_WithinChiSquareBounds()
    {
        // 60,000 draws over 6 buckets: chi-square with 5 degrees of freedom stays below 20.5 (p = 0.001).
        var rng = new Rng(3);
        var counts = new int[6];
        for (int i = 0; i < 60_000; i++) counts[rng.NextInt(6)]++;
        double chi = counts.Sum(c => (c - 10_000.0) * (c - 10_000.0) / 10_000.0);
        Assert.That(chi, Is.LessThan(20.5));
    }

    [Test]
    public void NextDoubleAndFloat_StayInUnitInterval()
    {
        // [0, 1) always.
        var rng = new Rng(8);
        for (int i = 0; i < 10_000; i++)
        {
            double d = rng.NextDouble();
            float f = rng.NextFloat();
            Assert.That(d >= 0 && d < 1 && f >= 0 && f < 1, Is.True);
        }
    }

    [Test]
    public void SampleInPlace_PutsDistinctPopulationMembersFirst()
    {
        // A sample is a set of distinct members of the population.
        var rng = new Rng(4);
        var population = Enumerable.Range(100, 50).ToArray();
        rng.SampleInPlace(population, 20);
        Assert.That(population[..20].Distinct().Count(), Is.EqualTo(20));
        Assert.That(population.Order(), Is.EqualTo(Enumerable.Range(100, 50)));
    }
}
