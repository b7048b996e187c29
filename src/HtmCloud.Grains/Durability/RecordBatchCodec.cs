using System.Text;
using HtmCloud.Grains.Models;
using HtmCloud.Htm.Encoders;

namespace HtmCloud.Grains.Durability;

/// <summary>The input log's payload format: field count, record count, then each value as kind + data.</summary>
public static class RecordBatchCodec
{
    private const byte Version = 1;

    public static byte[] Encode(RecordBatch batch)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version);
            w.Write(batch.FieldCount);
            w.Write(batch.Values.Length);
            foreach (var v in batch.Values)
            {
                w.Write((byte)v.Kind);
                switch (v.Kind)
                {
                    case FieldValueKind.Number: w.Write(v.Number); break;
                    case FieldValueKind.DateTime: w.Write(v.Ticks); break;
                    case FieldValueKind.Text: w.Write(v.Text!); break;
                }
            }
        }
        return stream.ToArray();
    }

    public static RecordBatch Decode(byte[] payload)
    {
        using var r = new BinaryReader(new MemoryStream(payload), Encoding.UTF8);
        if (r.ReadByte() != Version) throw new InvalidDataException("Unknown input log payload version.");
        int fields = r.ReadInt32(), count = r.ReadInt32();
        var values = new RecordValue[count];
        for (int i = 0; i < count; i++)
        {
            var kind = (FieldValueKind)r.ReadByte();
            values[i] = kind switch
            {
                FieldValueKind.Number => RecordValue.OfNumber(r.ReadDouble()),
                FieldValueKind.DateTime => new RecordValue(FieldValueKind.DateTime, 0, r.ReadInt64(), null),
                FieldValueKind.Text => RecordValue.OfText(r.ReadString()),
                _ => RecordValue.Missing,
            };
        }
        return new RecordBatch(fields, values);
    }
}
