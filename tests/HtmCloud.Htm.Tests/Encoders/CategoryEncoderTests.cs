using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Tests.Encoders;

[TestFixture]
public class CategoryEncoderTests
{
    private static readonly string[] Colours = ["red", "green", "blue", "cyan"];

    private static CategoryEncoder Listed() => new(CategoryEncoderParameters.Default with { Categories = Colours, ActiveBits = 5 });

    private static CategoryEncoder Open(ulong seed = CategoryEncoderParameters.DefaultSeed) =>
        new(CategoryEncoderParameters.Default with { Size = 1000, ActiveBits = 21, Seed = seed });

    private static string RandomWord(Rng rng)
    {
        Span<char> chars = stackalloc char[3 + rng.NextInt(8)];
        for (int i = 0; i < chars.Length; i++) chars[i] = (char)('a' + rng.NextInt(26));
        return new string(chars);
    }

    [Test]
    public void Listed_SizeIsOneBlockPerCategoryPlusUnknown()
    {
        Assert.That(Listed().Size, Is.EqualTo((4 + 1) * 5));
        Assert.That(Listed().IsOpenSet, Is.False);
    }

    [Test]
    public void Listed_CodesHaveActiveBits_AndNeverOverlap()
    {
        var encoder = Listed();
        var codes = Colours.Append("unknown-colour").Select(c =>
        {
            var sdr = new Sdr(encoder.Size);
            encoder.Encode(c, sdr);
            return sdr;
        }).ToArray();
        for (int i = 0; i < codes.Length; i++)
        {
            Assert.That(codes[i].ActiveCount, Is.EqualTo(5));
            for (int j = i + 1; j < codes.Length; j++)
                Assert.That(codes[i].GetOverlap(codes[j]), Is.EqualTo(0), $"codes {i} and {j}");
        }
        Assert.That(codes[2].Sparse.ToArray(), Is.EqualTo(new[] { 15, 16, 17, 18, 19 }), "category 2 owns block 3");
    }

    [Test]
    public void Listed_UnknownCategories_ShareTheReservedFirstBlock()
    {
        var rng = new Rng(30);
        var encoder = Listed();
        var sdr = new Sdr(encoder.Size);
        for (int i = 0; i < 200; i++)
        {
            string word = RandomWord(rng) + "!";
            encoder.Encode(word, sdr);
            Assert.That(sdr.Sparse.ToArray(), Is.EqualTo(new[] { 0, 1, 2, 3, 4 }), word);
        }
        encoder.Encode("Red", sdr);
        Assert.That(sdr.Sparse[0], Is.EqualTo(0), "matching is case-sensitive");
        Assert.That(encoder.IndexOf("blue"), Is.EqualTo(2));
        Assert.That(encoder.IndexOf("Blue"), Is.EqualTo(-1));
    }

    [Test]
    public void OpenSet_SetsExactlyActiveBits_ForAnyString()
    {
        var rng = new Rng(31);
        var encoder = new CategoryEncoder(CategoryEncoderParameters.Default with { Size = 30, ActiveBits = 25 });
        var sdr = new Sdr(encoder.Size);
        for (int i = 0; i < 2000; i++)
        {
            encoder.Encode(RandomWord(rng), sdr);
            Assert.That(sdr.ActiveCount, Is.EqualTo(25));
        }
        encoder.Encode("", sdr);
        Assert.That(sdr.ActiveCount, Is.EqualTo(25), "the empty string is a category too");
    }

    [Test]
    public void OpenSet_DistinctStrings_OverlapOnlyByChance()
    {
        var rng = new Rng(32);
        var encoder = Open();
        Sdr a = new(encoder.Size), b = new(encoder.Size);
        double total = 0;
        const int trials = 3000;
        for (int i = 0; i < trials; i++)
        {
            string word = RandomWord(rng);
            encoder.Encode(word, a);
            encoder.Encode(word + "x", b);
            total += a.GetOverlap(b);
        }
        Assert.That(total / trials, Is.EqualTo(0.441).Within(0.1));
    }

    [Test]
    public void OpenSet_IsDeterministic_ForSameSeed_AndDiffersAcrossSeeds()
    {
        var rng = new Rng(33);
        CategoryEncoder first = Open(5), again = Open(5), other = Open(6);
        Sdr a = new(1000), b = new(1000), c = new(1000);
        double total = 0;
        for (int i = 0; i < 1000; i++)
        {
            string word = RandomWord(rng);
            first.Encode(word, a);
            again.Encode(word, b);
            other.Encode(word, c);
            Assert.That(b, Is.EqualTo(a));
            total += a.GetOverlap(c);
        }
        Assert.That(total / 1000, Is.LessThan(1.0));
    }

    [Test]
    public void OpenSet_IsStable_AcrossProcesses()
    {
        // Computed independently from FNV-1a and SplitMix64: catches any use of the per-process randomised string hash.
        var encoder = new CategoryEncoder(CategoryEncoderParameters.Default with { Size = 100, ActiveBits = 5 });
        var sdr = new Sdr(100);
        encoder.Encode("cat", sdr);
        Assert.That(sdr.Sparse.ToArray(), Is.EqualTo(new[] { 0, 39, 49, 63, 70 }));
    }

    [Test]
    public void Encode_NullValue_Throws()
    {
        var encoder = Listed();
        Assert.Throws<ArgumentNullException>(() => encoder.Encode(null!, new Sdr(encoder.Size)));
    }

    [Test]
    public void Validate_DefaultIsIncomplete_AndNamesCategories()
    {
        Assert.That(Allocations.Fields(CategoryEncoderParameters.Default.Validate()), Is.EqualTo(new[] { "categories" }));
    }

    [Test]
    public void Validate_ReportsEveryInvalidField()
    {
        var p = new CategoryEncoderParameters { Categories = ["a", "b", "a", null!], ActiveBits = 0, Size = 10 };
        Assert.That(Allocations.Fields(p.Validate()), Is.EquivalentTo(new[] { "activeBits", "categories[2]", "categories[3]", "size" }));
        var open = CategoryEncoderParameters.Default with { Size = 21 };
        Assert.That(Allocations.Fields(open.Validate()), Is.EqualTo(new[] { "activeBits" }));
    }

    [Test]
    public void Encode_AllocatesNothing()
    {
        var listed = Listed();
        var open = Open();
        Sdr a = new(listed.Size), b = new(open.Size);
        int i = 0;
        string[] values = ["red", "blue", "violet", "cyan"];
        long bytes = Allocations.BytesPerCalls(() =>
        {
            string v = values[i++ & 3];
            listed.Encode(v, a);
            open.Encode(v, b);
        });
        Assert.That(bytes, Is.EqualTo(0));
    }
}
