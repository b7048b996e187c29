using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Encoders;

/// <summary>Parameters of a <see cref="TextEncoder"/>.</summary>
public sealed record TextEncoderParameters
{
    /// <summary>Seed used when none is given.</summary>
    public const ulong DefaultSeed = 42;

    /// <summary>The defaults: 400 bits, 21 active, seed <see cref="DefaultSeed"/>.</summary>
    public static TextEncoderParameters Default { get; } = new();

    /// <summary>Total bits. Default 400.</summary>
    public int Size { get; init; } = 400;

    /// <summary>Active bits of every non-empty document. Default 21.</summary>
    public int ActiveBits { get; init; } = 21;

    /// <summary>Token hash seed; different seeds give unrelated codes. Default <see cref="DefaultSeed"/>.</summary>
    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>Reports every invalid field, named as in the JSON pool graph; empty when valid.</summary>
    public IReadOnlyList<ParameterError> Validate()
    {
        var c = new ParameterChecks();
        c.InRange(Size, 2, EncoderChecks.MaxSize, "size");
        c.Require(ActiveBits >= 1, "activeBits", "must be at least 1");
        if (ActiveBits >= 1 && Size >= 2) c.Require(ActiveBits < Size, "activeBits", "must be below size");
        return c.Errors;
    }
}
