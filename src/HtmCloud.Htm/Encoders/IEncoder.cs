using HtmCloud.Htm.Sdrs;

namespace HtmCloud.Htm.Encoders;

/// <summary>
/// Turns a value into an SDR of fixed size. Encoders reuse internal scratch buffers so that
/// <see cref="Encode"/> allocates nothing; an instance is therefore not safe to use from several threads at once.
/// </summary>
/// <typeparam name="T">Type of the encoded value.</typeparam>
public interface IEncoder<in T>
{
    /// <summary>Number of bits of every code this encoder produces.</summary>
    int Size { get; }

    /// <summary>Writes the code of <paramref name="value"/> into <paramref name="output"/>, whose size must equal <see cref="Size"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="output"/> has the wrong size.</exception>
    void Encode(T value, Sdr output);
}
