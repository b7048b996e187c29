using System.Globalization;
using System.Text.Json;
using HtmCloud.Contracts.Graphs;
using HtmCloud.Grains.Models;

namespace HtmCloud.Api.Models;

/// <summary>
/// Turns JSON records (values keyed by field name) into a <see cref="RecordBatch"/> in the graph's field order,
/// stopping at the first bad record: missing field, wrong type, non-finite number, unparsable timestamp.
/// </summary>
public static class RecordParser
{
    public static (RecordBatch Batch, RecordError? Error) Parse(IReadOnlyList<GraphField> fields, IReadOnlyList<Dictionary<string, JsonElement>?> records)
    {
        var values = new List<RecordValue>(records.Count * fields.Count);
        for (int r = 0; r < records.Count; r++)
        {
            var record = records[r];
            if (record is null) return (Batch(fields, values), new RecordError(r, "", "must be a JSON object"));
            int start = values.Count;
            foreach (var field in fields)
            {
                if (!record.TryGetValue(field.Name, out var element) || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                {
                    values.RemoveRange(start, values.Count - start);
                    return (Batch(fields, values), new RecordError(r, field.Name, "is required"));
                }
                var (value, message) = Convert(field.Type, element);
                if (message is not null)
                {
                    values.RemoveRange(start, values.Count - start);
                    return (Batch(fields, values), new RecordError(r, field.Name, message));
                }
                values.Add(value);
            }
        }
        return (Batch(fields, values), null);
    }

    /// <summary>Parses one NDJSON line into a record, or reports why it is not one.</summary>
    public static (Dictionary<string, JsonElement>? Record, string? Error) ParseLine(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object) return (null, "must be a JSON object");
            var record = new Dictionary<string, JsonElement>();
            foreach (var property in document.RootElement.EnumerateObject()) record[property.Name] = property.Value.Clone();
            return (record, null);
        }
        catch (JsonException e)
        {
            return (null, $"is not valid JSON: {e.Message}");
        }
    }

    private static RecordBatch Batch(IReadOnlyList<GraphField> fields, List<RecordValue> values) => new(fields.Count, values.ToArray());

    private static (RecordValue Value, string? Error) Convert(GraphFieldType type, JsonElement element)
    {
        switch (type)
        {
            case GraphFieldType.Number:
                if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out double number)) return (default, "must be a number");
                return double.IsFinite(number) ? (RecordValue.OfNumber(number), null) : (default, "must be a finite number");
            case GraphFieldType.DateTime:
                if (element.ValueKind == JsonValueKind.String &&
                    DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                    return (RecordValue.OfDateTime(time.UtcDateTime), null);
                return (default, "must be an ISO 8601 date-time string");
            default:
                if (element.ValueKind != JsonValueKind.String) return (default, "must be a string");
                string text = element.GetString()!;
                return text.Length <= 100_000 ? (RecordValue.OfText(text), null) : (default, "must be at most 100,000 characters");
        }
    }
}
