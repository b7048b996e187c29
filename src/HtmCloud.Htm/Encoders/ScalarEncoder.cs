using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Encoders;

/// <summary>
/// Encodes a number as one contiguous block of <see cref="ActiveBits"/> bits whose position tracks the value, so nearby
/// values share bits. Non-periodic: the block starts at <c>round((v − min) / resolution)</c>, min at bit 0 and max at
/// the last bit. Periodic: the block starts at <c>floor((v − min) / resolution) mod size</c> and wraps past the end,
/// so values just below max overlap min. NaN encodes as the all-zero SDR (a missing value).
/// </summary>
public sealed class ScalarEncoder : IEncoder<double>
{
    private readonly int[] _active;
    private readonly double _range;
    private readonly int _lastStart;

    /// <summary>Creates the encoder.</summary>
    /// <exception cref="ArgumentException">The parameters are invalid; the message lists every problem.</exception>
    public ScalarEncoder(ScalarEncoderParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ParameterChecks.ThrowIfAny(parameters.Validate(), "scalar encoder parameters");
        Parameters = parameters;
        Size = (int)parameters.DerivedSize();
        ActiveBits = parameters.ActiveBits;
        _range = parameters.Maximum - parameters.Minimum;
        _lastStart = parameters.Periodic ? Size - 1 : Size - ActiveBits;
        Resolution = parameters.Periodic ? _range / Size : _range / _lastStart;
        _active = new int[ActiveBits];
    }

    /// <summary>The parameters this encoder was built from.</summary>
    public ScalarEncoderParameters Parameters { get; }

    /// <inheritdoc />
    public int Size { get; }

    /// <summary>Active bits of every non-NaN code.</summary>
    public int ActiveBits { get; }

    /// <summary>Effective resolution: the value change that moves the block by one bit.</summary>
    public double Resolution { get; }

    /// <summary>Encodes <paramref name="value"/>; NaN gives the all-zero SDR.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// Non-periodic: the value is outside [minimum, maximum] and clipInput is off. Periodic: the value is infinite.
    /// </exception>
    public void Encode(double value, Sdr output)
    {
        EncoderChecks.RequireSize(output, Size);
        if (double.IsNaN(value))
        {
            output.Zero();
            return;
        }
        int start = Parameters.Periodic ? PeriodicStart(value) : LinearStart(value);
        int w = ActiveBits;
        int wrapped = start + w - Size;
        if (wrapped <= 0)
        {
            for (int k = 0; k < w; k++) _active[k] = start + k;
        }
        else
        {
            // Keep the indices ascending: the wrapped head first, then the tail of the SDR.
            for (int k = 0; k < wrapped; k++) _active[k] = k;
            for (int k = wrapped; k < w; k++) _active[k] = start + k - wrapped;
        }
        output.SetSortedUnchecked(_active);
    }

    private int LinearStart(double value)
    {
        double min = Parameters.Minimum, max = Parameters.Maximum;
        if (value < min || value > max)
        {
            if (!Parameters.ClipInput)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"Value is outside [{min}, {max}] and clipInput is off.");
            value = Math.Clamp(value, min, max);
        }
        double position = Math.Round((value - min) / _range * _lastStart);
        return (int)Math.Clamp(position, 0, _lastStart);
    }

    private int PeriodicStart(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "A periodic encoder needs a finite value.");
        double x = (value - Parameters.Minimum) / _range;
        x -= Math.Floor(x);
        // The tiny epsilon keeps exact bucket boundaries (e.g. whole hours) from flooring to the bucket below.
        int start = (int)(x * Size + 1e-9);
        return start >= Size ? start - Size : start;
    }
}
