using HtmCloud.Htm.Sdrs;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Encoders;

/// <summary>
/// Random distributed scalar encoder, stateless and hash based. A value falls in bucket
/// <c>b = floor(value / resolution)</c>; bucket b's active bits are the hashes of the inputs b, b+1, ..., b+w−1
/// (SplitMix64 stream keyed by the seed), each mapped to [0, size) and moved to the next free bit on a collision,
/// so every code has exactly w bits. Adjacent buckets share w−1 hash inputs, buckets d apart share w−d, and buckets
/// w or more apart overlap only by chance (about w²/size bits). No range is needed; NaN encodes as all zeros.
/// </summary>
public sealed class RandomDistributedScalarEncoder : IEncoder<double>
{
    // Beyond 2^62 buckets b + k could overflow; such inputs are rejected.
    private const double MaxBucket = 4.6116860184273879e18;

    private readonly ulong _key;
    private readonly int[] _active;
    private readonly byte[] _taken;

    /// <summary>Creates the encoder.</summary>
    /// <exception cref="ArgumentException">The parameters are invalid; the message lists every problem.</exception>
    public RandomDistributedScalarEncoder(RandomDistributedScalarEncoderParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ParameterChecks.ThrowIfAny(parameters.Validate(), "random distributed scalar encoder parameters");
        Parameters = parameters;
        Size = parameters.Size;
        ActiveBits = parameters.EffectiveActiveBits;
        _key = EncoderHash.KeyOf(parameters.Seed);
        _active = new int[ActiveBits];
        _taken = new byte[Size];
    }

    /// <summary>The parameters this encoder was built from.</summary>
    public RandomDistributedScalarEncoderParameters Parameters { get; }

    /// <inheritdoc />
    public int Size { get; }

    /// <summary>Active bits of every non-NaN code.</summary>
    public int ActiveBits { get; }

    /// <summary>The bucket of <paramref name="value"/>: <c>floor(value / resolution)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN, infinite, or its bucket exceeds ±2⁶².</exception>
    public long GetBucket(double value)
    {
        double bucket = Math.Floor(value / Parameters.Resolution);
        if (!(Math.Abs(bucket) <= MaxBucket))
            throw new ArgumentOutOfRangeException(nameof(value), value, "Value is NaN, infinite or too large for this resolution.");
        return (long)bucket;
    }

    /// <summary>Encodes <paramref name="value"/>; NaN gives the all-zero SDR.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is infinite or its bucket exceeds ±2⁶².</exception>
    public void Encode(double value, Sdr output)
    {
        EncoderChecks.RequireSize(output, Size);
        if (double.IsNaN(value))
        {
            output.Zero();
            return;
        }
        EncoderHash.FillDistinct(_key, GetBucket(value), Size, _active, _taken);
        output.SetSortedUnchecked(_active);
    }
}
