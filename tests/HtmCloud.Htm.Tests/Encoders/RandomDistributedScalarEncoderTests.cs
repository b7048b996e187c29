using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Tests.Encoders;

[TestFixture]
public class RandomDistributedScalarEncoderTests
{
    private static RandomDistributedScalarEncoder Create(ulong seed = RandomDistributedScalarEncoderParameters.DefaultSeed, int size = 1000, int activeBits = 21) =>
        new(RandomDistributedScalarEncoderParameters.Default with { Seed = seed, Size = size, ActiveBits = activeBits, Resolution = 0.5 });

    [Test]
    public void Default_IsValid_WithDocumentedValues()
    {
        var p = RandomDistributedScalarEncoderParameters.Default;
        Assert.That(p.Validate(), Is.Empty);
        Assert.That((p.Size, p.ActiveBits, p.Resolution, p.Seed), Is.EqualTo((1000, 21, 1.0, 42UL)));
    }

    [TestCase(1000, 21)]
    [TestCase(64, 30)]
    [TestCase(40, 39)]
    public void Encode_SetsExactlyActiveBits_ForAnyValue(int size, int activeBits)
    {
        var rng = new Rng(10);
        var encoder = Create(size: size, activeBits: activeBits);
        var sdr = new Sdr(encoder.Size);
        for (int i = 0; i < 3000; i++)
        {
            double v = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.NextInt(13));
            encoder.Encode(v, sdr);
            Assert.That(sdr.ActiveCount, Is.EqualTo(activeBits), $"value {v}");
        }
    }

    [Test]
    public void Encode_ValuesInOneBucket_EncodeIdentically()
    {
        var encoder = Create();
        Sdr a = new(encoder.Size), b = new(encoder.Size);
        encoder.Encode(10.0, a);
        encoder.Encode(10.49, b);
        Assert.That(b, Is.EqualTo(a));
        encoder.Encode(10.5, b);
        Assert.That(b, Is.Not.EqualTo(a));
        Assert.That(encoder.GetBucket(-0.1), Is.EqualTo(-1));
    }

    [Test]
    public void Encode_AdjacentBuckets_ShareAllButAboutOneBit()
    {
        var rng = new Rng(11);
        var encoder = Create();
        Sdr a = new(encoder.Size), b = new(encoder.Size);
        double total = 0;
        const int trials = 2000;
        for (int i = 0; i < trials; i++)
        {
            double v = (rng.NextDouble() - 0.5) * 1e6;
            encoder.Encode(v, a);
            encoder.Encode(v + 0.5, b);
            int overlap = a.GetOverlap(b);
            Assert.That(overlap, Is.GreaterThanOrEqualTo(17), $"value {v}");
            total += overlap;
        }
        Assert.That(total / trials, Is.GreaterThan(19.7));
    }

    [Test]
    public void Encode_OverlapFalls_AsBucketDistanceGrows()
    {
        var rng = new Rng(12);
        var encoder = Create();
        Sdr a = new(encoder.Size), b = new(encoder.Size);
        const int trials = 500;
        double expectedChance = 21.0 * 21 / 1000;
        for (int d = 1; d <= 25; d++)
        {
            double total = 0;
            for (int i = 0; i < trials; i++)
            {
                double v = (rng.NextDouble() - 0.5) * 1e6;
                encoder.Encode(v, a);
                encoder.Encode(v + d * 0.5, b);
                total += a.GetOverlap(b);
            }
            double expected = Math.Max(0, 21 - d) + expectedChance;
            Assert.That(total / trials, Is.EqualTo(expected).Within(1.0), $"bucket distance {d}");
        }
    }

    [Test]
    public void Rdse_FarValues_OverlapOnlyByChance()
    {
        var rng = new Rng(13);
        var encoder = Create();
        Sdr a = new(encoder.Size), b = new(encoder.Size);
        double total = 0;
        int max = 0;
        const int trials = 5000;
        for (int i = 0; i < trials; i++)
        {
            double v = (rng.NextDouble() - 0.5) * 1e6;
            encoder.Encode(v, a);
            encoder.Encode(v + 100 + rng.NextDouble() * 1e5, b);
            int overlap = a.GetOverlap(b);
            total += overlap;
            max = Math.Max(max, overlap);
        }
        // Two random 21-of-1000 codes share 21·21/1000 ≈ 0.44 bits on average; 6 or more is vanishingly rare.
        Assert.That(total / trials, Is.EqualTo(0.441).Within(0.08));
        Assert.That(max, Is.LessThan(6));
    }

    [Test]
    public void Encode_UsesEveryBitAboutEquallyOften()
    {
        var encoder = Create();
        var sdr = new Sdr(encoder.Size);
        var counts = new int[encoder.Size];
        const int buckets = 5000;
        // Step by activeBits so that no hash input is shared between the codes counted.
        for (int b = 0; b < buckets; b++)
        {
            encoder.Encode(b * 21 * 0.5, sdr);
            foreach (int i in sdr.Sparse) counts[i]++;
        }
        // Each bit expects 5000·21/1000 = 105 hits (σ ≈ 10); the bounds are more than 5σ away.
        Assert.That(counts.Min(), Is.GreaterThan(50));
        Assert.That(counts.Max(), Is.LessThan(160));
    }

    [Test]
    public void Encode_IsDeterministic_ForSameSeed()
    {
        var rng = new Rng(14);
        RandomDistributedScalarEncoder first = Create(seed: 7), second = Create(seed: 7);
        Sdr a = new(first.Size), b = new(second.Size);
        for (int i = 0; i < 500; i++)
        {
            double v = (rng.NextDouble() - 0.5) * 1e4;
            first.Encode(v, a);
            second.Encode(v, b);
            Assert.That(b, Is.EqualTo(a));
        }
    }

    [Test]
    public void Encode_DifferentSeeds_GiveDifferentCodes()
    {
        var rng = new Rng(15);
        RandomDistributedScalarEncoder first = Create(seed: 1), second = Create(seed: 2);
        Sdr a = new(first.Size), b = new(second.Size);
        double total = 0;
        const int trials = 2000;
        for (int i = 0; i < trials; i++)
        {
            double v = (rng.NextDouble() - 0.5) * 1e4;
            first.Encode(v, a);
            second.Encode(v, b);
            total += a.GetOverlap(b);
        }
        Assert.That(total / trials, Is.LessThan(1.0));
    }

    [Test]
    public void Encode_IsStable_AcrossReleases()
    {
        // Pins the hash: persisted models are rebuilt from parameters, so changing these bits breaks them.
        var encoder = new RandomDistributedScalarEncoder(RandomDistributedScalarEncoderParameters.Default with { ActiveBits = 5 });
        var sdr = new Sdr(encoder.Size);
        encoder.Encode(0, sdr);
        Assert.That(sdr.Sparse.ToArray(), Is.EqualTo(Golden));
    }

    // Computed independently from the documented algorithm (SplitMix64 stream, multiply-high reduction).
    private static readonly int[] Golden = [450, 549, 902, 919, 980];

    [Test]
    public void Sparsity_DerivesActiveBits()
    {
        var encoder = new RandomDistributedScalarEncoder(RandomDistributedScalarEncoderParameters.Default with { ActiveBits = 0, Sparsity = 0.02 });
        var sdr = new Sdr(encoder.Size);
        encoder.Encode(3, sdr);
        Assert.That(encoder.ActiveBits, Is.EqualTo(20));
        Assert.That(sdr.ActiveCount, Is.EqualTo(20));
    }

    [Test]
    public void Encode_NaN_GivesAllZeroSdr_AndInfinityThrows()
    {
        var encoder = Create();
        var sdr = new Sdr(encoder.Size);
        encoder.Encode(5, sdr);
        encoder.Encode(double.NaN, sdr);
        Assert.That(sdr.ActiveCount, Is.EqualTo(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode(double.NegativeInfinity, sdr));
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode(1e300, sdr));
    }

    [Test]
    public void Validate_ReportsEveryInvalidField()
    {
        var p = new RandomDistributedScalarEncoderParameters { Size = 1, ActiveBits = -1, Sparsity = 1.5, Resolution = 0 };
        Assert.That(Allocations.Fields(p.Validate()), Is.EquivalentTo(new[] { "size", "activeBits", "sparsity", "resolution" }));
    }

    [Test]
    public void Validate_RequiresExactlyOneOfActiveBitsAndSparsity()
    {
        var both = RandomDistributedScalarEncoderParameters.Default with { Sparsity = 0.02 };
        var neither = RandomDistributedScalarEncoderParameters.Default with { ActiveBits = 0 };
        var tooSparse = RandomDistributedScalarEncoderParameters.Default with { ActiveBits = 0, Sparsity = 0.0001 };
        var tooMany = RandomDistributedScalarEncoderParameters.Default with { ActiveBits = 1000 };
        Assert.That(Allocations.Fields(both.Validate()), Is.EqualTo(new[] { "sparsity" }));
        Assert.That(Allocations.Fields(neither.Validate()), Is.EqualTo(new[] { "activeBits" }));
        Assert.That(Allocations.Fields(tooSparse.Validate()), Is.EqualTo(new[] { "sparsity" }));
        Assert.That(Allocations.Fields(tooMany.Validate()), Is.EqualTo(new[] { "activeBits" }));
    }

    [Test]
    public void Encode_AllocatesNothing()
    {
        var encoder = Create();
        var sdr = new Sdr(encoder.Size);
        double v = 0;
        long bytes = Allocations.BytesPerCalls(() => encoder.Encode(v += 1.3, sdr));
        Assert.That(bytes, Is.EqualTo(0));
    }
}
