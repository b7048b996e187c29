namespace HtmCloud.Htm.Encoders;

/// <summary>
/// Stable 64-bit hashing for the hash-based encoders. <c>Hash(key, i)</c> is output <c>i</c> of a SplitMix64 stream
/// started at <c>key</c> (Steele, Lea and Flood 2014), i.e. the Stafford "Mix13" finaliser applied to
/// <c>key + i·φ·2⁶⁴</c>. Strings use FNV-1a over UTF-16 code units; <see cref="string.GetHashCode()"/> is never
/// used because .NET randomises it per process.
/// </summary>
internal static class EncoderHash
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const ulong FnvOffset = 0xCBF29CE484222325UL;
    private const ulong FnvPrime = 0x100000001B3UL;

    /// <summary>SplitMix64 / Mix13 finaliser: a bijection on 64 bits with full avalanche.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Turns a user seed into a stream key, so that seeds 0, 1, 2 ... give unrelated streams.</summary>
    public static ulong KeyOf(ulong seed) => Mix(seed ^ 0x6A09E667F3BCC909UL);

    /// <summary>Element <paramref name="input"/> of the SplitMix64 stream keyed by <paramref name="key"/>.</summary>
    public static ulong Hash(ulong key, long input) => unchecked(Mix(key + (ulong)input * Golden));

    /// <summary>Maps a hash uniformly to [0, size) by multiply-high (Lemire), avoiding the modulo bias and cost.</summary>
    public static int Reduce(ulong hash, int size) => (int)Math.BigMul(hash, (ulong)size, out _);

    /// <summary>Starts an FNV-1a hash.</summary>
    public static ulong FnvStart => FnvOffset;

    /// <summary>Adds one UTF-16 code unit to an FNV-1a hash (both bytes, so non-Latin text hashes well).</summary>
    public static ulong FnvAdd(ulong hash, char c)
    {
        unchecked
        {
            hash = (hash ^ (byte)c) * FnvPrime;
            return (hash ^ (byte)(c >> 8)) * FnvPrime;
        }
    }

    /// <summary>FNV-1a of a whole string, case-sensitive.</summary>
    public static ulong Fnv(ReadOnlySpan<char> text)
    {
        ulong hash = FnvOffset;
        foreach (char c in text) hash = FnvAdd(hash, c);
        return hash;
    }

    /// <summary>
    /// Writes <c>destination.Length</c> distinct bit indices in [0, size), ascending: the hashes of inputs
    /// <paramref name="firstInput"/>, <paramref name="firstInput"/>+1, ... taken in that order, each moved to the next
    /// free bit (wrapping) when its bit is already taken. <paramref name="taken"/> must be all zero and is left so.
    /// </summary>
    public static void FillDistinct(ulong key, long firstInput, int size, Span<int> destination, Span<byte> taken)
    {
        for (int k = 0; k < destination.Length; k++)
        {
            int bit = Reduce(Hash(key, unchecked(firstInput + k)), size);
            while (taken[bit] != 0) bit = bit + 1 == size ? 0 : bit + 1;
            taken[bit] = 1;
            destination[k] = bit;
        }
        foreach (int bit in destination) taken[bit] = 0;
        destination.Sort();
    }
}
