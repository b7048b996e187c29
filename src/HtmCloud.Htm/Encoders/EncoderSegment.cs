namespace HtmCloud.Htm.Encoders;

/// <summary>One named part of a concatenated code: its bits are <c>[Offset, Offset + Width)</c> of the whole SDR.</summary>
/// <param name="Name">Field or sub-encoder name.</param>
/// <param name="Offset">Index of the part's first bit in the whole SDR.</param>
/// <param name="Width">Number of bits the part occupies.</param>
public readonly record struct EncoderSegment(string Name, int Offset, int Width);
