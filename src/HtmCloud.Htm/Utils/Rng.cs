namespace HtmCloud.Htm.Utils;

/// <summary>
/// Deterministic pseudo-random generator: xoshiro256** (Blackman and Vigna, 2018) whose 256-bit state is
/// filled from the seed by SplitMix64. The same seed gives the same sequence on every platform; there is
/// no "random seed" value. Bounded integers use Lemire's multiply-shift rejection, so they are unbiased.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator from an explicit seed.</summary>
    public Rng(ulong seed) => Reseed(seed);

    /// <summary>Restarts this generator as if it were just created from <paramref name="seed"/> (no allocation).</summary>
    public void Reseed(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>
    /// A seed that is a pure function of (<paramref name="seed"/>, <paramref name="a"/>, <paramref name="b"/>),
    /// e.g. (memory seed, step, column): counter-based streams, so any part of a model can draw the same numbers
    /// without knowing how many draws other parts made.
    /// </summary>
    public static ulong Derive(ulong seed, ulong a, ulong b) =>
        Mix(Mix(seed ^ Mix(a + 0x632BE59BD9B4E019UL)) ^ (b + 0x9E3779B97F4A7C15UL));

    // SplitMix64's finaliser: a bijection that spreads every input bit over the output.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private Rng(ulong s0, ulong s1, ulong s2, ulong s3) => (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);

    /// <summary>The four state words, for snapshots.</summary>
    public (ulong S0, ulong S1, ulong S2, ulong S3) State => (_s0, _s1, _s2, _s3);

    /// <summary>Restores a generator from state words previously read from <see cref="State"/>.</summary>
    public static Rng FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0) throw new ArgumentException("xoshiro256** state must not be all zero.");
        return new Rng(s0, s1, s2, s3);
    }

    /// <summary>Derives an independent generator, e.g. one per pool, from this seed and a stream number.</summary>
    public static Rng ForStream(ulong seed, ulong stream) => new(seed ^ (0x9E3779B97F4A7C15UL * (stream + 1)));

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform integer in [0, maxExclusive).</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0) throw new ArgumentOutOfRangeException(nameof(maxExclusive));
        uint bound = (uint)maxExclusive;
        ulong m = (ulong)(uint)(NextUInt64() >> 32) * bound;
        uint low = (uint)m;
        if (low < bound)
        {
            uint threshold = (uint)(-bound) % bound;
            while (low < threshold)
            {
                m = (ulong)(uint)(NextUInt64() >> 32) * bound;
                low = (uint)m;
            }
        }
        return (int)(m >> 32);
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform float in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle(Span<int> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>
    /// Moves a uniform random sample of <paramref name="count"/> items to the front of
    /// <paramref name="population"/> (partial Fisher–Yates); the rest keep no particular order.
    /// </summary>
    public void SampleInPlace(Span<int> population, int count)
    {
        if (count > population.Length) count = population.Length;
        for (int i = 0; i < count; i++)
        {
            int j = i + NextInt(population.Length - i);
            (population[i], population[j]) = (population[j], population[i]);
        }
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
