using System.Text;
using HtmCloud.Htm.Encoders;

namespace HtmCloud.Bench.Durability;

/// <summary>
/// The input log's payload format, byte for byte as <c>HtmCloud.Grains.Durability.RecordBatchCodec</c> writes
/// it (version byte 1, field count, value count, then each value as kind + data), decoded straight into engine
/// field values. Kept here so the bench does not pull Orleans in through the Grains project; the replay
/// figure is dominated by the engine anyway (decoding is well under 1 % of it).
/// </summary>
internal static class LoggedBatchFormat
{
    private const byte Version = 1;

    /// <summary>Records (row-major, <paramref name="fieldCount"/> values each) as one log payload.</summary>
    public static byte[] Encode(int fieldCount, ReadOnlySpan<FieldValue> values)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version);
            w.Write(fieldCount);
            w.Write(values.Length);
            foreach (var v in values)
            {
                w.Write((byte)v.Kind);
                switch (v.Kind)
                {
                    case FieldValueKind.Number: w.Write(v.Number); break;
                    case FieldValueKind.DateTime: w.Write(v.DateTime.Ticks); break;
                    case FieldValueKind.Text: w.Write(v.Text!); break;
                }
            }
        }
        return stream.ToArray();
    }

    /// <summary>Decodes a payload; returns the field count and the values, row-major.</summary>
    public static (int FieldCount, FieldValue[] Values) Decode(byte[] payload)
    {
        using var r = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
        if (r.ReadByte() != Version) throw new InvalidDataException("Unknown input log payload version.");
        int fields = r.ReadInt32(), count = r.ReadInt32();
        var values = new FieldValue[count];
        for (int i = 0; i < count; i++)
        {
            var kind = (FieldValueKind)r.ReadByte();
            values[i] = kind switch
            {
                FieldValueKind.Number => FieldValue.FromNumber(r.ReadDouble()),
                FieldValueKind.DateTime => FieldValue.FromDateTime(new DateTime(r.ReadInt64(), DateTimeKind.Utc)),
                FieldValueKind.Text => FieldValue.FromText(r.ReadString()),
                _ => FieldValue.Missing,
            };
        }
        return (fields, values);
    }
}
