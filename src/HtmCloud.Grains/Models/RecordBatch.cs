namespace HtmCloud.Grains.Models;

/// <summary>Records of one request, row-major, values in the graph document's field order.</summary>
[GenerateSerializer, Immutable]
public sealed class RecordBatch(int fieldCount, RecordValue[] values)
{
    [Id(0)] public int FieldCount { get; } = fieldCount;
    [Id(1)] public RecordValue[] Values { get; } = values;

    public int Count => FieldCount == 0 ? 0 : Values.Length / FieldCount;

    public ReadOnlySpan<RecordValue> Record(int index) => Values.AsSpan(index * FieldCount, FieldCount);
}
