using HtmCloud.Htm.Sdrs;

namespace HtmCloud.Htm.Encoders;

/// <summary>Checks shared by every encoder.</summary>
internal static class EncoderChecks
{
    /// <summary>Largest code any encoder may produce; guards against a tiny resolution silently asking for gigabytes.</summary>
    public const int MaxSize = 1 << 24;

    public static void RequireSize(Sdr output, int size)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Size != size)
            throw new ArgumentException($"The output SDR has {output.Size} bits but this encoder produces {size}.", nameof(output));
    }
}
