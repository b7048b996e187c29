using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Encoders;

/// <summary>
/// Encodes a category name. Listed mode: category i (0-based) owns bits <c>[(i+1)·w, (i+2)·w)</c> and any string
/// not in the list gets the reserved "unknown" block <c>[0, w)</c>, so codes never overlap and an unseen value never
/// stops a streaming model. Open-set mode: the string's FNV-1a hash keys a SplitMix64 stream whose first w outputs
/// (collisions moved to the next free bit) are the active bits, so distinct strings overlap only by chance.
/// </summary>
public sealed class CategoryEncoder : IEncoder<string>
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly ulong _key;
    private readonly int[] _active;
    private readonly byte[] _taken;

    /// <summary>Creates the encoder.</summary>
    /// <exception cref="ArgumentException">The parameters are invalid; the message lists every problem.</exception>
    public CategoryEncoder(CategoryEncoderParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ParameterChecks.ThrowIfAny(parameters.Validate(), "category encoder parameters");
        Parameters = parameters;
        ActiveBits = parameters.ActiveBits;
        IsOpenSet = parameters.Categories.Count == 0;
        for (int i = 0; i < parameters.Categories.Count; i++) _index.Add(parameters.Categories[i], i);
        Size = IsOpenSet ? parameters.Size : (parameters.Categories.Count + 1) * ActiveBits;
        _key = EncoderHash.KeyOf(parameters.Seed);
        _active = new int[ActiveBits];
        _taken = IsOpenSet ? new byte[Size] : [];
    }

    /// <summary>The parameters this encoder was built from.</summary>
    public CategoryEncoderParameters Parameters { get; }

    /// <inheritdoc />
    public int Size { get; }

    /// <summary>Active bits of every code.</summary>
    public int ActiveBits { get; }

    /// <summary>True when strings are hashed (no category list) rather than looked up.</summary>
    public bool IsOpenSet { get; }

    /// <summary>Index of <paramref name="category"/> in the list, or −1 when unknown (always −1 in open-set mode).</summary>
    public int IndexOf(string category) => _index.TryGetValue(category, out int i) ? i : -1;

    /// <summary>Encodes <paramref name="value"/>; unknown listed-mode values get the reserved unknown code.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public void Encode(string value, Sdr output)
    {
        ArgumentNullException.ThrowIfNull(value);
        EncoderChecks.RequireSize(output, Size);
        if (IsOpenSet)
        {
            ulong key = EncoderHash.Mix(_key ^ EncoderHash.Fnv(value));
            EncoderHash.FillDistinct(key, 0, Size, _active, _taken);
        }
        else
        {
            int first = (IndexOf(value) + 1) * ActiveBits;
            for (int k = 0; k < _active.Length; k++) _active[k] = first + k;
        }
        output.SetSortedUnchecked(_active);
    }
}
