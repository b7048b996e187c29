namespace HtmCloud.Htm.Encoders;

/// <summary>
/// One field of an input record: a number, a date-time, a string, or missing (<c>default</c>). A small value type, so
/// a record's fields can live in a reused array or on the stack and be encoded without allocation.
/// </summary>
public readonly record struct FieldValue
{
    private FieldValue(FieldValueKind kind, double number, DateTime dateTime, string? text)
    {
        Kind = kind;
        Number = number;
        DateTime = dateTime;
        Text = text;
    }

    /// <summary>What this value holds.</summary>
    public FieldValueKind Kind { get; }

    /// <summary>The number when <see cref="Kind"/> is <see cref="FieldValueKind.Number"/>, else 0.</summary>
    public double Number { get; }

    /// <summary>The date-time when <see cref="Kind"/> is <see cref="FieldValueKind.DateTime"/>, else <c>default</c>.</summary>
    public DateTime DateTime { get; }

    /// <summary>The string when <see cref="Kind"/> is <see cref="FieldValueKind.Text"/>, else null.</summary>
    public string? Text { get; }

    /// <summary>A missing value; its field encodes as all zeros.</summary>
    public static FieldValue Missing => default;

    /// <summary>A number (NaN is kept and left to the field's encoder, which treats it as missing).</summary>
    public static FieldValue FromNumber(double value) => new(FieldValueKind.Number, value, default, null);

    /// <summary>A date-time.</summary>
    public static FieldValue FromDateTime(DateTime value) => new(FieldValueKind.DateTime, 0, value, null);

    /// <summary>A string; null gives <see cref="Missing"/>.</summary>
    public static FieldValue FromText(string? value) =>
        value is null ? Missing : new(FieldValueKind.Text, 0, default, value);

    /// <summary>Wraps a number.</summary>
    public static implicit operator FieldValue(double value) => FromNumber(value);

    /// <summary>Wraps a date-time.</summary>
    public static implicit operator FieldValue(DateTime value) => FromDateTime(value);

    /// <summary>Wraps a string; null gives <see cref="Missing"/>.</summary>
    public static implicit operator FieldValue(string? value) => FromText(value);

    /// <summary>The held value as text, for diagnostics.</summary>
    public override string ToString() => Kind switch
    {
        FieldValueKind.Number => Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        FieldValueKind.DateTime => DateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        FieldValueKind.Text => Text!,
        _ => "(missing)",
    };
}
