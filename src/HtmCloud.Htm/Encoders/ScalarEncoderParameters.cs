using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Encoders;

/// <summary>
/// Parameters of a <see cref="ScalarEncoder"/>. Give exactly one of <see cref="Size"/> and <see cref="Resolution"/>
/// and leave the other 0: it is then derived. Because <see cref="Size"/> defaults to 400, sizing by resolution reads
/// <c>Default with { Size = 0, Resolution = 0.5 }</c>.
/// </summary>
public sealed record ScalarEncoderParameters
{
    /// <summary>The defaults: range 0..100, 400 bits, 21 active, not clipped, not periodic.</summary>
    public static ScalarEncoderParameters Default { get; } = new();

    /// <summary>Smallest value of the range. Default 0.</summary>
    public double Minimum { get; init; }

    /// <summary>Largest value of the range (for periodic encoders, the value that equals <see cref="Minimum"/> again). Default 100.</summary>
    public double Maximum { get; init; } = 100;

    /// <summary>Total bits, or 0 to derive from <see cref="Resolution"/>. Default 400.</summary>
    public int Size { get; init; } = 400;

    /// <summary>Active bits per code, one contiguous block. Default 21.</summary>
    public int ActiveBits { get; init; } = 21;

    /// <summary>
    /// Value change that moves the block by one bit, or 0 to derive from <see cref="Size"/>. Default 0.
    /// The derived size is rounded up, so the effective resolution may be slightly finer than asked.
    /// </summary>
    public double Resolution { get; init; }

    /// <summary>Clip values outside the range to its ends instead of throwing. Default false.</summary>
    public bool ClipInput { get; init; }

    /// <summary>The range wraps around (time of day, angles): any finite value is accepted. Default false.</summary>
    public bool Periodic { get; init; }

    /// <summary>Reports every invalid field, named as in the JSON pool graph; empty when valid.</summary>
    public IReadOnlyList<ParameterError> Validate()
    {
        var c = new ParameterChecks();
        c.Finite(Minimum, "minimum").Finite(Maximum, "maximum");
        bool boundsFinite = double.IsFinite(Minimum) && double.IsFinite(Maximum);
        bool rangeOk = boundsFinite && Maximum > Minimum && double.IsFinite(Maximum - Minimum);
        if (boundsFinite) c.Require(rangeOk, "maximum", "must be greater than minimum");
        c.Require(ActiveBits >= 1, "activeBits", "must be at least 1");
        c.Require(Size >= 0, "size", "must be 0 (derive from resolution) or positive");
        bool resolutionOk = double.IsFinite(Resolution) && Resolution >= 0;
        c.Require(resolutionOk, "resolution", "must be 0 (derive from size) or a positive finite number");
        c.Require(!(ClipInput && Periodic), "clipInput", "cannot be combined with periodic (periodic input wraps)");
        if (Size < 0 || !resolutionOk) return c.Errors;

        bool sizeGiven = Size > 0, resolutionGiven = Resolution > 0;
        if (!sizeGiven && !resolutionGiven) c.Require(false, "size", "give either size or resolution");
        else if (sizeGiven && resolutionGiven) c.Require(false, "resolution", "must be 0 when size is given (give exactly one of size and resolution)");
        else if (rangeOk && ActiveBits >= 1)
        {
            double size = DerivedSize();
            string field = sizeGiven ? "size" : "resolution";
            c.Require(size > ActiveBits, field, sizeGiven ? "must exceed activeBits" : "is too coarse: the code would not exceed activeBits bits");
            c.Require(size <= EncoderChecks.MaxSize, field, $"gives more than {EncoderChecks.MaxSize} bits");
        }
        return c.Errors;
    }

    /// <summary>Total bits: <see cref="Size"/>, or derived from <see cref="Resolution"/> (as a double, to detect overflow).</summary>
    internal double DerivedSize()
    {
        if (Size > 0) return Size;
        double steps = (Maximum - Minimum) / Resolution;
        // Forgive rounding noise so that e.g. 24 / (4.0 / 21) does not become 127 steps.
        steps = Math.Ceiling(steps * (1 - 1e-12));
        return Periodic ? steps : steps + ActiveBits;
    }
}
