using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Encoders;

/// <summary>
/// Parameters of a <see cref="CategoryEncoder"/>, which has two modes. Listed: give <see cref="Categories"/> (and
/// leave <see cref="Size"/> 0); each category gets its own block, plus a reserved "unknown" block. Open set: leave
/// <see cref="Categories"/> empty and give <see cref="Size"/>; each string is hashed to <see cref="ActiveBits"/> bits.
/// The defaults list no categories and no size, so they must be completed with one or the other.
/// </summary>
public sealed record CategoryEncoderParameters
{
    /// <summary>Seed used when none is given.</summary>
    public const ulong DefaultSeed = 42;

    /// <summary>The defaults: no categories, size 0 (incomplete), 21 active bits, seed <see cref="DefaultSeed"/>.</summary>
    public static CategoryEncoderParameters Default { get; } = new();

    /// <summary>The known categories, matched exactly (ordinal, case-sensitive). Default empty (open-set mode).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Active bits per category. Default 21.</summary>
    public int ActiveBits { get; init; } = 21;

    /// <summary>Total bits in open-set mode; must be 0 when categories are listed (the size is then (count + 1) · activeBits). Default 0.</summary>
    public int Size { get; init; }

    /// <summary>Hash seed of open-set mode. Default <see cref="DefaultSeed"/>.</summary>
    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>Reports every invalid field, named as in the JSON pool graph; empty when valid.</summary>
    public IReadOnlyList<ParameterError> Validate()
    {
        var c = new ParameterChecks();
        c.Require(ActiveBits >= 1, "activeBits", "must be at least 1");
        c.Require(Size >= 0, "size", "must be 0 (listed categories) or positive (open set)");
        int count = Categories?.Count ?? 0;
        if (Categories is null) c.Require(false, "categories", "must be a list (empty for open-set mode)");
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < count; i++)
            {
                string? name = Categories[i];
                c.Require(name is not null, $"categories[{i}]", "must not be null");
                if (name is not null) c.Require(seen.Add(name), $"categories[{i}]", $"duplicates \"{name}\"");
            }
        }
        if (count > 0)
        {
            c.Require(Size == 0, "size", "must be 0 when categories are listed (the size is (count + 1) * activeBits)");
            if (ActiveBits >= 1) c.Require((count + 1L) * ActiveBits <= EncoderChecks.MaxSize, "categories", $"too many for {EncoderChecks.MaxSize} bits");
        }
        else if (Size == 0) c.Require(false, "categories", "list at least one category, or give size for open-set hashing");
        else if (Size > 0)
        {
            c.Require(Size <= EncoderChecks.MaxSize, "size", $"must be at most {EncoderChecks.MaxSize}");
            if (ActiveBits >= 1) c.Require(ActiveBits < Size, "activeBits", "must be below size");
        }
        return c.Errors;
    }
}
