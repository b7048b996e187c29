using HtmCloud.Htm.Encoders;

namespace HtmCloud.Grains.Models;

/// <summary>One field value of a record as it crosses grain calls (the engine's FieldValue is not serializable).</summary>
[GenerateSerializer, Immutable]
public readonly record struct RecordValue(
    [property: Id(0)] FieldValueKind Kind,
    [property: Id(1)] double Number,
    [property: Id(2)] long Ticks,
    [property: Id(3)] string? Text)
{
    public static RecordValue Missing => default;
    public static RecordValue OfNumber(double value) => new(FieldValueKind.Number, value, 0, null);
    public static RecordValue OfDateTime(DateTime value) => new(FieldValueKind.DateTime, 0, value.Ticks, null);
    public static RecordValue OfText(string value) => new(FieldValueKind.Text, 0, 0, value);

    public FieldValue ToFieldValue() => Kind switch
    {
        FieldValueKind.Number => FieldValue.FromNumber(Number),
        FieldValueKind.DateTime => FieldValue.FromDateTime(new DateTime(Ticks, DateTimeKind.Utc)),
        FieldValueKind.Text => FieldValue.FromText(Text),
        _ => FieldValue.Missing,
    };
}
