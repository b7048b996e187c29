using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Encoders;

/// <summary>
/// Parameters of a <see cref="RandomDistributedScalarEncoder"/>. Give exactly one of <see cref="ActiveBits"/> and
/// <see cref="Sparsity"/> and leave the other 0; because <see cref="ActiveBits"/> defaults to 21, sizing by sparsity
/// reads <c>Default with { ActiveBits = 0, Sparsity = 0.02 }</c>.
/// </summary>
public sealed record RandomDistributedScalarEncoderParameters
{
    /// <summary>Seed used when none is given. Seeds are always explicit: there is no "0 means random".</summary>
    public const ulong DefaultSeed = 42;

    /// <summary>The defaults: 1000 bits, 21 active, resolution 1, seed <see cref="DefaultSeed"/>.</summary>
    public static RandomDistributedScalarEncoderParameters Default { get; } = new();

    /// <summary>Total bits. Default 1000.</summary>
    public int Size { get; init; } = 1000;

    /// <summary>Active bits per code, or 0 to derive from <see cref="Sparsity"/>. Default 21.</summary>
    public int ActiveBits { get; init; } = 21;

    /// <summary>Fraction of active bits (rounded to whole bits), or 0 to use <see cref="ActiveBits"/>. Default 0.</summary>
    public double Sparsity { get; init; }

    /// <summary>Width of one bucket: values in <c>[b·resolution, (b+1)·resolution)</c> share a code. Default 1.</summary>
    public double Resolution { get; init; } = 1;

    /// <summary>Hash seed; different seeds give unrelated codes. Default <see cref="DefaultSeed"/>.</summary>
    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>Reports every invalid field, named as in the JSON pool graph; empty when valid.</summary>
    public IReadOnlyList<ParameterError> Validate()
    {
        var c = new ParameterChecks();
        c.InRange(Size, 2, EncoderChecks.MaxSize, "size");
        c.Require(ActiveBits >= 0, "activeBits", "must be 0 (derive from sparsity) or positive");
        bool sparsityOk = double.IsFinite(Sparsity) && Sparsity is >= 0 and < 1;
        c.Require(sparsityOk, "sparsity", "must be 0 (use activeBits) or in (0, 1)");
        c.Require(double.IsFinite(Resolution) && Resolution > 0, "resolution", "must be a positive finite number");
        if (ActiveBits < 0 || !sparsityOk) return c.Errors;

        if (ActiveBits == 0 && Sparsity == 0) c.Require(false, "activeBits", "give either activeBits or sparsity");
        else if (ActiveBits > 0 && Sparsity > 0) c.Require(false, "sparsity", "must be 0 when activeBits is given (give exactly one)");
        else if (Size >= 2)
        {
            int w = EffectiveActiveBits;
            string field = ActiveBits > 0 ? "activeBits" : "sparsity";
            c.Require(w >= 1 && w < Size, field, "must give at least 1 and fewer than size active bits");
        }
        return c.Errors;
    }

    /// <summary><see cref="ActiveBits"/>, or <see cref="Sparsity"/> times <see cref="Size"/> rounded.</summary>
    internal int EffectiveActiveBits => ActiveBits > 0 ? ActiveBits : (int)Math.Round(Size * Sparsity);
}
