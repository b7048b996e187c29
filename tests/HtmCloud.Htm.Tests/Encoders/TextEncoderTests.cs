using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Tests.Encoders;

[TestFixture]
public class TextEncoderTests
{
    private static readonly string[] Vocabulary = BuildVocabulary();

    private static string[] BuildVocabulary()
    {
        var rng = new Rng(99);
        var words = new string[500];
        for (int i = 0; i < words.Length; i++)
        {
            var chars = new char[4 + rng.NextInt(6)];
            for (int c = 0; c < chars.Length; c++) chars[c] = (char)('a' + rng.NextInt(26));
            words[i] = new string(chars) + i;
        }
        return words;
    }

    private static string[] RandomDocument(Rng rng, int words)
    {
        var doc = new string[words];
        for (int i = 0; i < words; i++) doc[i] = Vocabulary[rng.NextInt(Vocabulary.Length)];
        return doc;
    }

    private static TextEncoder Create(ulong seed = TextEncoderParameters.DefaultSeed) =>
        new(TextEncoderParameters.Default with { Seed = seed });

    private static Sdr Encode(TextEncoder encoder, string text)
    {
        var sdr = new Sdr(encoder.Size);
        encoder.Encode(text, sdr);
        return sdr;
    }

    [Test]
    public void Encode_SetsExactlyActiveBits_ForAnyTextWithWords()
    {
        var rng = new Rng(40);
        var encoder = Create();
        var sdr = new Sdr(encoder.Size);
        for (int i = 0; i < 300; i++)
        {
            encoder.Encode(string.Join(' ', RandomDocument(rng, 1 + rng.NextInt(40))), sdr);
            Assert.That(sdr.ActiveCount, Is.EqualTo(21));
        }
    }

    [Test]
    public void Encode_SimilarDocumentsOverlapMore_ThanUnrelatedOnes()
    {
        var rng = new Rng(41);
        var encoder = Create();
        double similarTotal = 0, unrelatedTotal = 0;
        int wins = 0;
        const int trials = 300;
        for (int i = 0; i < trials; i++)
        {
            var doc = RandomDocument(rng, 30);
            var edited = (string[])doc.Clone();
            for (int e = 0; e < 3; e++) edited[rng.NextInt(edited.Length)] = Vocabulary[rng.NextInt(Vocabulary.Length)];
            var unrelated = RandomDocument(rng, 30);
            var a = Encode(encoder, string.Join(' ', doc));
            int similar = a.GetOverlap(Encode(encoder, string.Join(' ', edited)));
            int other = a.GetOverlap(Encode(encoder, string.Join(' ', unrelated)));
            similarTotal += similar;
            unrelatedTotal += other;
            if (similar > other) wins++;
        }
        Assert.That(wins, Is.GreaterThan(trials * 95 / 100));
        Assert.That(similarTotal / trials, Is.GreaterThan(10));
        Assert.That(unrelatedTotal / trials, Is.LessThan(3));
    }

    [Test]
    public void Encode_UnrelatedShortDocuments_OverlapOnlyByChance()
    {
        // Guards against tie-breaking bias: with few tokens many sums tie, and a fixed tie order would crowd codes together.
        var rng = new Rng(44);
        var encoder = Create();
        double total = 0;
        const int trials = 1000;
        for (int i = 0; i < trials; i++)
        {
            int a = rng.NextInt(Vocabulary.Length), b = (a + 1 + rng.NextInt(Vocabulary.Length - 1)) % Vocabulary.Length;
            total += Encode(encoder, Vocabulary[a]).GetOverlap(Encode(encoder, Vocabulary[b]));
        }
        // Two random 21-of-400 codes share 21·21/400 ≈ 1.1 bits on average.
        Assert.That(total / trials, Is.LessThan(2.0));
    }

    [Test]
    public void Encode_IgnoresCasePunctuationAndWordOrder()
    {
        var encoder = Create();
        var a = Encode(encoder, "The quick brown fox, jumps over the lazy dog!");
        var b = Encode(encoder, "dog LAZY the over jumps fox brown quick the");
        Assert.That(b, Is.EqualTo(a));
        Assert.That(Encode(encoder, "the quick brown fox jumps over a lazy dog"), Is.Not.EqualTo(a));
    }

    [Test]
    public void Encode_RepeatedToken_PullsTheCodeTowardsThatToken()
    {
        var rng = new Rng(42);
        var encoder = Create();
        double once = 0, thrice = 0;
        const int trials = 300;
        for (int i = 0; i < trials; i++)
        {
            string x = Vocabulary[rng.NextInt(250)], y = Vocabulary[250 + rng.NextInt(250)];
            var alone = Encode(encoder, x);
            once += alone.GetOverlap(Encode(encoder, $"{x} {y}"));
            thrice += alone.GetOverlap(Encode(encoder, $"{x} {y} {x} {x}"));
        }
        Assert.That(thrice / trials, Is.GreaterThan(once / trials + 3));
    }

    [Test]
    public void Encode_TextWithoutWords_GivesAllZeroSdr()
    {
        var encoder = Create();
        var sdr = Encode(encoder, "hello");
        encoder.Encode(" ,.;!? \t\n", sdr);
        Assert.That(sdr.ActiveCount, Is.EqualTo(0));
        encoder.Encode("", sdr);
        Assert.That(sdr.ActiveCount, Is.EqualTo(0));
    }

    [Test]
    public void Encode_SpanAndString_GiveTheSameCode()
    {
        var encoder = Create();
        const string text = "[prefix] Error: disk full on node 7 [suffix]";
        var fromString = Encode(encoder, text[9..^9]);
        var fromSpan = new Sdr(encoder.Size);
        encoder.Encode(text.AsSpan(9, text.Length - 18), fromSpan);
        Assert.That(fromSpan, Is.EqualTo(fromString));
    }

    [Test]
    public void Encode_IsDeterministic_ForSameSeed_AndDiffersAcrossSeeds()
    {
        var rng = new Rng(43);
        TextEncoder first = Create(1), again = Create(1), other = Create(2);
        double total = 0;
        for (int i = 0; i < 200; i++)
        {
            string text = string.Join(' ', RandomDocument(rng, 10));
            var a = Encode(first, text);
            Assert.That(Encode(again, text), Is.EqualTo(a));
            total += a.GetOverlap(Encode(other, text));
        }
        Assert.That(total / 200, Is.LessThan(3));
    }

    [Test]
    public void Validate_ReportsEveryInvalidField()
    {
        Assert.That(TextEncoderParameters.Default.Validate(), Is.Empty);
        var p = new TextEncoderParameters { Size = 1, ActiveBits = 0 };
        Assert.That(Allocations.Fields(p.Validate()), Is.EquivalentTo(new[] { "size", "activeBits" }));
        Assert.That(Allocations.Fields((TextEncoderParameters.Default with { ActiveBits = 400 }).Validate()), Is.EqualTo(new[] { "activeBits" }));
    }

    [Test]
    public void Encode_AllocatesNothing()
    {
        var encoder = Create();
        var sdr = new Sdr(encoder.Size);
        string[] texts = ["disk full on node seven", "Disk FULL on node 8", "user logged in"];
        int i = 0;
        long bytes = Allocations.BytesPerCalls(() => encoder.Encode(texts[i++ % 3], sdr));
        Assert.That(bytes, Is.EqualTo(0));
    }
}
