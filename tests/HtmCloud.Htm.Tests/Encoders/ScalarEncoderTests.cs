using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Tests.Encoders;

[TestFixture]
public class ScalarEncoderTests
{
    private static ScalarEncoder Linear(int size = 400, int activeBits = 21, bool clip = false) =>
        new(ScalarEncoderParameters.Default with { Minimum = -50, Maximum = 150, Size = size, ActiveBits = activeBits, ClipInput = clip });

    private static ScalarEncoder Hours() =>
        new(ScalarEncoderParameters.Default with { Minimum = 0, Maximum = 24, Size = 120, ActiveBits = 21, Periodic = true });

    [Test]
    public void Default_IsValid_AndGives400BitsWith21Active()
    {
        Assert.That(ScalarEncoderParameters.Default.Validate(), Is.Empty);
        var encoder = new ScalarEncoder(ScalarEncoderParameters.Default);
        var sdr = new Sdr(encoder.Size);
        encoder.Encode(42, sdr);
        Assert.That(encoder.Size, Is.EqualTo(400));
        Assert.That(sdr.ActiveCount, Is.EqualTo(21));
    }

    [Test]
    public void Encode_SetsExactlyActiveBitsInOneBlock_ForAnyValueInRange()
    {
        var rng = new Rng(1);
        var encoder = Linear();
        var sdr = new Sdr(encoder.Size);
        for (int i = 0; i < 2000; i++)
        {
            double v = -50 + rng.NextDouble() * 200;
            encoder.Encode(v, sdr);
            var bits = sdr.Sparse;
            Assert.That(bits.Length, Is.EqualTo(21), $"value {v}");
            Assert.That(bits[^1] - bits[0], Is.EqualTo(20), $"value {v} is not one contiguous block");
        }
    }

    [Test]
    public void Encode_MapsMinimumToFirstBits_AndMaximumToLastBits()
    {
        var encoder = Linear();
        var sdr = new Sdr(encoder.Size);
        encoder.Encode(-50, sdr);
        Assert.That(sdr.Sparse[0], Is.EqualTo(0));
        encoder.Encode(150, sdr);
        Assert.That(sdr.Sparse[^1], Is.EqualTo(399));
    }

    [Test]
    public void Encode_IsMonotonic_BlockStartNeverMovesBackAsValueGrows()
    {
        var encoder = Linear();
        var sdr = new Sdr(encoder.Size);
        int previous = -1;
        for (double v = -50; v <= 150; v += 0.07)
        {
            encoder.Encode(v, sdr);
            Assert.That(sdr.Sparse[0], Is.GreaterThanOrEqualTo(previous), $"value {v}");
            previous = sdr.Sparse[0];
        }
        Assert.That(previous, Is.EqualTo(400 - 21));
    }

    [Test]
    public void Encode_NearbyValuesOverlapMore_ThanFarValues()
    {
        var rng = new Rng(2);
        var encoder = Linear();
        Sdr a = new(encoder.Size), near = new(encoder.Size), far = new(encoder.Size);
        for (int i = 0; i < 1000; i++)
        {
            double v = -50 + rng.NextDouble() * 100;
            encoder.Encode(v, a);
            encoder.Encode(v + 2 * encoder.Resolution, near);
            encoder.Encode(v + 30 * encoder.Resolution, far);
            Assert.That(a.GetOverlap(near), Is.GreaterThan(a.GetOverlap(far)), $"value {v}");
            Assert.That(a.GetOverlap(far), Is.EqualTo(0), "values further apart than activeBits buckets must not overlap");
        }
    }

    [Test]
    public void Encode_OutOfRange_Throws_UnlessClipInput()
    {
        var strict = Linear();
        var sdr = new Sdr(strict.Size);
        Assert.Throws<ArgumentOutOfRangeException>(() => strict.Encode(150.001, sdr));
        Assert.Throws<ArgumentOutOfRangeException>(() => strict.Encode(-51, sdr));
        Assert.Throws<ArgumentOutOfRangeException>(() => strict.Encode(double.PositiveInfinity, sdr));

        var clipping = Linear(clip: true);
        var top = new Sdr(clipping.Size);
        clipping.Encode(150, top);
        clipping.Encode(1e9, sdr);
        Assert.That(sdr, Is.EqualTo(top));
        clipping.Encode(double.NegativeInfinity, sdr);
        Assert.That(sdr.Sparse[0], Is.EqualTo(0));
    }

    [Test]
    public void Encode_NaN_GivesAllZeroSdr()
    {
        var encoder = Linear();
        var sdr = new Sdr(encoder.Size);
        encoder.Encode(3, sdr);
        encoder.Encode(double.NaN, sdr);
        Assert.That(sdr.ActiveCount, Is.EqualTo(0));
    }

    [Test]
    public void Resolution_DerivesSize_AndOneResolutionStepMovesOneBit()
    {
        var encoder = new ScalarEncoder(ScalarEncoderParameters.Default with { Size = 0, Resolution = 0.5, ActiveBits = 11 });
        Assert.That(encoder.Size, Is.EqualTo(200 + 11));
        Assert.That(encoder.Resolution, Is.EqualTo(0.5).Within(1e-12));
        Sdr a = new(encoder.Size), b = new(encoder.Size);
        encoder.Encode(10, a);
        encoder.Encode(10.5, b);
        Assert.That(b.Sparse[0] - a.Sparse[0], Is.EqualTo(1));
        Assert.That(a.GetOverlap(b), Is.EqualTo(10));
    }

    [Test]
    public void Periodic_WrapsAround_MaximumNextToMinimum()
    {
        var encoder = Hours();
        Sdr midnight = new(encoder.Size), beforeMidnight = new(encoder.Size), noon = new(encoder.Size);
        encoder.Encode(0, midnight);
        encoder.Encode(24 - encoder.Resolution / 2, beforeMidnight);
        encoder.Encode(12, noon);
        Assert.That(beforeMidnight.ActiveCount, Is.EqualTo(21));
        Assert.That(midnight.GetOverlap(beforeMidnight), Is.EqualTo(20));
        Assert.That(midnight.GetOverlap(noon), Is.EqualTo(0));
    }

    [Test]
    public void Periodic_SetsExactlyActiveBits_AndValuesOnePeriodApartEncodeAlike()
    {
        var rng = new Rng(3);
        var encoder = Hours();
        Sdr a = new(encoder.Size), b = new(encoder.Size);
        for (int i = 0; i < 2000; i++)
        {
            double v = rng.NextDouble() * 24;
            int periods = rng.NextInt(11) - 5;
            encoder.Encode(v, a);
            encoder.Encode(v + 24 * periods, b);
            Assert.That(a.ActiveCount, Is.EqualTo(21));
            Assert.That(a.GetOverlap(b), Is.GreaterThanOrEqualTo(20), $"value {v}, {periods} periods later");
        }
    }

    [Test]
    public void Periodic_InfiniteValue_Throws()
    {
        var encoder = Hours();
        Assert.Throws<ArgumentOutOfRangeException>(() => encoder.Encode(double.PositiveInfinity, new Sdr(encoder.Size)));
    }

    [Test]
    public void Validate_ReportsEveryInvalidField()
    {
        var p = new ScalarEncoderParameters
        {
            Minimum = double.NaN, Maximum = double.PositiveInfinity, Size = -1, ActiveBits = 0, Resolution = -2,
            ClipInput = true, Periodic = true,
        };
        Assert.That(Allocations.Fields(p.Validate()),
            Is.SupersetOf(new[] { "minimum", "maximum", "size", "activeBits", "resolution", "clipInput" }));
    }

    [Test]
    public void Validate_RequiresExactlyOneOfSizeAndResolution()
    {
        var both = ScalarEncoderParameters.Default with { Resolution = 1 };
        var neither = ScalarEncoderParameters.Default with { Size = 0 };
        Assert.That(Allocations.Fields(both.Validate()), Is.EqualTo(new[] { "resolution" }));
        Assert.That(Allocations.Fields(neither.Validate()), Is.EqualTo(new[] { "size" }));
    }

    [Test]
    public void Validate_RejectsRangeOrSizeThatLeavesNoRoomToMove()
    {
        Assert.That(Allocations.Fields((ScalarEncoderParameters.Default with { Minimum = 5, Maximum = 5 }).Validate()), Is.EqualTo(new[] { "maximum" }));
        Assert.That(Allocations.Fields((ScalarEncoderParameters.Default with { Size = 21 }).Validate()), Is.EqualTo(new[] { "size" }));
        Assert.That(Allocations.Fields((ScalarEncoderParameters.Default with { Size = 0, Resolution = 1e-9 }).Validate()), Is.EqualTo(new[] { "resolution" }));
    }

    [Test]
    public void Constructor_Throws_NamingEveryProblem()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ScalarEncoder(ScalarEncoderParameters.Default with { ActiveBits = 0, Maximum = -1 }));
        Assert.That(ex!.Message, Does.Contain("activeBits").And.Contain("maximum"));
    }

    [Test]
    public void Encode_WrongOutputSize_Throws()
    {
        var encoder = Linear();
        Assert.Throws<ArgumentException>(() => encoder.Encode(1, new Sdr(encoder.Size + 1)));
    }

    [Test]
    public void Encode_AllocatesNothing()
    {
        var linear = Linear();
        var periodic = Hours();
        Sdr a = new(linear.Size), b = new(periodic.Size);
        double v = 0;
        long bytes = Allocations.BytesPerCalls(() =>
        {
            v += 0.37;
            linear.Encode(v % 150, a);
            periodic.Encode(v, b);
        });
        Assert.That(bytes, Is.EqualTo(0));
    }
}
