using HtmCloud.Htm.Sdrs;

namespace HtmCloud.Htm.Encoders;

/// <summary>A named field of a <see cref="MultiEncoder"/>: which kind of value it takes and the encoder that encodes it.</summary>
public sealed class MultiEncoderField
{
    private readonly IEncoder<double>? _number;
    private readonly IEncoder<DateTime>? _dateTime;
    private readonly IEncoder<string>? _text;

    private MultiEncoderField(string name, FieldValueKind kind, int size,
        IEncoder<double>? number, IEncoder<DateTime>? dateTime, IEncoder<string>? text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (size <= 0) throw new ArgumentException($"The encoder of field '{name}' has size {size}.", nameof(size));
        Name = name;
        Kind = kind;
        Size = size;
        _number = number;
        _dateTime = dateTime;
        _text = text;
    }

    /// <summary>Field name, unique within its <see cref="MultiEncoder"/>.</summary>
    public string Name { get; }

    /// <summary>Kind of value the field takes (besides <see cref="FieldValueKind.Missing"/>).</summary>
    public FieldValueKind Kind { get; }

    /// <summary>Bits of the field's code.</summary>
    public int Size { get; }

    /// <summary>A numeric field, e.g. with a <see cref="ScalarEncoder"/> or <see cref="RandomDistributedScalarEncoder"/>.</summary>
    public static MultiEncoderField ForNumber(string name, IEncoder<double> encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        return new(name, FieldValueKind.Number, encoder.Size, encoder, null, null);
    }

    /// <summary>A date-time field, e.g. with a <see cref="DateTimeEncoder"/>.</summary>
    public static MultiEncoderField ForDateTime(string name, IEncoder<DateTime> encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        return new(name, FieldValueKind.DateTime, encoder.Size, null, encoder, null);
    }

    /// <summary>A string field, e.g. with a <see cref="CategoryEncoder"/> or <see cref="TextEncoder"/>.</summary>
    public static MultiEncoderField ForText(string name, IEncoder<string> encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        return new(name, FieldValueKind.Text, encoder.Size, null, null, encoder);
    }

    /// <summary>Encodes one value into a scratch SDR of <see cref="Size"/> bits; missing gives all zeros.</summary>
    internal void Encode(in FieldValue value, Sdr output)
    {
        if (value.Kind == FieldValueKind.Missing)
        {
            output.Zero();
            return;
        }
        if (value.Kind != Kind)
            throw new ArgumentException($"Field '{Name}' takes {Kind} values, got {value.Kind}.", nameof(value));
        switch (Kind)
        {
            case FieldValueKind.Number: _number!.Encode(value.Number, output); break;
            case FieldValueKind.DateTime: _dateTime!.Encode(value.DateTime, output); break;
            default: _text!.Encode(value.Text!, output); break;
        }
    }
}
