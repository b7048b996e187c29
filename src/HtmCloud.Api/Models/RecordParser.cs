using System.Globalization;
using System.Text.Json;
using HtmCloud.Contracts.Graphs;
using HtmCloud.Grains.Graphs;
using HtmCloud.Grains.Models;
using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Sdrs;

namespace HtmCloud.Api.Models;

/// <summary>
/// Turns JSON records (values keyed by field name) into a <see cref="RecordBatch"/> in the graph's field order,
/// stopping at the first bad record: missing field, wrong type, non-finite number, unparsable timestamp, or a
/// value an encoder of the graph cannot encode (e.g. 1e300 for an RDSE of resolution 1, or a value outside a
/// scalar encoder's range without clipInput). Nothing reaches the model that would make a pool throw half-way
/// through a batch.
/// </summary>
public static class RecordParser
{
    public static (RecordBatch Batch, RecordError? Error) Parse(CompiledGraph graph, IReadOnlyList<Dictionary<string, JsonElement>?> records) =>
        Parse(graph.Document.Fields, records, FieldEncoders(graph));

    public static (RecordBatch Batch, RecordError? Error) Parse(IReadOnlyList<GraphField> fields, IReadOnlyList<Dictionary<string, JsonElement>?> records) =>
        Parse(fields, records, null);

    private static (RecordBatch Batch, RecordError? Error) Parse(
        IReadOnlyList<GraphField> fields, IReadOnlyList<Dictionary<string, JsonElement>?> records, List<(MultiEncoder Encoder, Sdr Scratch)>[]? encoders)
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
                message ??= encoders is null ? null : Encodable(encoders[values.Count - start], value);
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

    // Per document field, a one-field encoder for each pool encoder that reads it (built per call: encoders keep scratch state).
    private static List<(MultiEncoder Encoder, Sdr Scratch)>[] FieldEncoders(CompiledGraph graph)
    {
        var fields = graph.Document.Fields;
        var encoders = fields.Select(_ => new List<(MultiEncoder, Sdr)>()).ToArray();
        for (int pool = 0; pool < graph.Plan.PoolCount; pool++)
            foreach (var spec in graph.Plan.ModelOf(pool).Fields)
            {
                int index = fields.ToList().FindIndex(f => f.Name == spec.Name);
                if (index < 0) continue;
                var encoder = new MultiEncoder([spec.Build()]);
                encoders[index].Add((encoder, new Sdr(encoder.Size)));
            }
        return encoders;
    }

    private static string? Encodable(List<(MultiEncoder Encoder, Sdr Scratch)> encoders, RecordValue value)
    {
        foreach (var (encoder, scratch) in encoders)
        {
            try
            {
                encoder.Encode([value.ToFieldValue()], scratch);
            }
            catch (ArgumentException e)
            {
                string reason = e.Message.Split('\n')[0];
                int cut = reason.IndexOf(" (Parameter", StringComparison.Ordinal);
                return $"cannot be encoded: {(cut >= 0 ? reason[..cut] : reason)}";
            }
        }
        return null;
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
                if (element.ValueKind == JsonValueKind.String && TryGetString(element, out string? stamp) &&
                    DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
                    return (RecordValue.OfDateTime(time.UtcDateTime), null);
                return (default, "must be an ISO 8601 date-time string");
            default:
                if (element.ValueKind != JsonValueKind.String) return (default, "must be a string");
                if (!TryGetString(element, out string? text)) return (default, "must be valid Unicode text (it holds a lone surrogate escape)");
                return text.Length <= 100_000 ? (RecordValue.OfText(text), null) : (default, "must be at most 100,000 characters");
        }
    }

    // A JSON string escaping half a surrogate pair ("\ud800") is valid JSON but no .NET string: GetString throws.
    private static bool TryGetString(JsonElement element, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text)
    {
        try
        {
            text = element.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }
}
