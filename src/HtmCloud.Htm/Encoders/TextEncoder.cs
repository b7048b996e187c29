using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Encoders;

/// <summary>
/// SimHash document encoder. Tokens are maximal runs of letters or digits, lower-cased (invariant culture). Each token
/// occurrence adds its vector of <see cref="Size"/> random signs, each scaled by a random odd magnitude 1..255 (bytes
/// of a SplitMix64 stream keyed by the seed and the token's FNV-1a hash), so a token counts as often as it occurs.
/// The <see cref="ActiveBits"/> positions with the largest sums are active, remaining ties going to the lower index.
/// Documents sharing most tokens share most bits. A document without tokens encodes as the all-zero SDR. Only the
/// first <see cref="MaxTokens"/> tokens count, so the sums cannot overflow.
/// </summary>
public sealed class TextEncoder : IEncoder<string>
{
    /// <summary>Token occurrences counted per document; 2²² · 255 stays below <see cref="int.MaxValue"/>.</summary>
    public const int MaxTokens = 1 << 22;

    private readonly ulong _key;
    private readonly int[] _sums;
    private readonly long[] _ranked;
    private readonly int[] _active;

    /// <summary>Creates the encoder.</summary>
    /// <exception cref="ArgumentException">The parameters are invalid; the message lists every problem.</exception>
    public TextEncoder(TextEncoderParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ParameterChecks.ThrowIfAny(parameters.Validate(), "text encoder parameters");
        Parameters = parameters;
        Size = parameters.Size;
        ActiveBits = parameters.ActiveBits;
        _key = EncoderHash.KeyOf(parameters.Seed);
        _sums = new int[Size];
        _ranked = new long[Size];
        _active = new int[ActiveBits];
    }

    /// <summary>The parameters this encoder was built from.</summary>
    public TextEncoderParameters Parameters { get; }

    /// <inheritdoc />
    public int Size { get; }

    /// <summary>Active bits of every document with at least one token.</summary>
    public int ActiveBits { get; }

    /// <summary>Encodes the document <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public void Encode(string value, Sdr output)
    {
        ArgumentNullException.ThrowIfNull(value);
        Encode(value.AsSpan(), output);
    }

    /// <summary>Encodes the document <paramref name="text"/> without needing a string.</summary>
    public void Encode(ReadOnlySpan<char> text, Sdr output)
    {
        EncoderChecks.RequireSize(output, Size);
        Array.Clear(_sums);
        int tokens = 0;
        ulong hash = EncoderHash.FnvStart;
        bool inToken = false;
        foreach (char c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                hash = EncoderHash.FnvAdd(hash, char.ToLowerInvariant(c));
                inToken = true;
            }
            else if (inToken)
            {
                if (tokens < MaxTokens) AddToken(hash);
                tokens++;
                hash = EncoderHash.FnvStart;
                inToken = false;
            }
        }
        if (inToken && tokens < MaxTokens)
        {
            AddToken(hash);
            tokens++;
        }
        if (tokens == 0)
        {
            output.Zero();
            return;
        }
        SelectLargest();
        output.SetSortedUnchecked(_active);
    }

    private void AddToken(ulong tokenHash)
    {
        // Random magnitudes, not plain ±1: short documents' ±1 sums tie almost everywhere and the tie order would pick the code.
        ulong key = EncoderHash.Mix(_key ^ tokenHash);
        int[] sums = _sums;
        for (int word = 0; word * 8 < sums.Length; word++)
        {
            ulong weights = EncoderHash.Hash(key, word);
            int end = Math.Min(8, sums.Length - word * 8);
            for (int b = 0; b < end; b++)
                sums[word * 8 + b] += ((sbyte)(byte)(weights >> (8 * b)) << 1) | 1;
        }
    }

    private void SelectLargest()
    {
        // Sum in the high half, reversed index in the low half: ascending order puts the winners, lower index first on ties, at the end.
        int size = _sums.Length;
        for (int i = 0; i < size; i++) _ranked[i] = ((long)_sums[i] << 32) | (uint)(size - 1 - i);
        _ranked.AsSpan().Sort();
        for (int k = 0; k < _active.Length; k++) _active[k] = size - 1 - (int)(uint)_ranked[size - 1 - k];
        _active.AsSpan().Sort();
    }
}
