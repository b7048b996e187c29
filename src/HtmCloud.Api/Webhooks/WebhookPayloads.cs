using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Models;
using HtmCloud.Contracts.Webhooks;
using HtmCloud.Data.Webhooks;

namespace HtmCloud.Api.Webhooks;

/// <summary>
/// Turns a batch's results into delivery rows for one endpoint: the bodies are <see cref="WebhookMessage{TData}"/>
/// JSON, and each id is a hash of endpoint, event, model, sequence range and data, so the same results (an
/// idempotent replay of a batch) give the same ids and are not delivered twice.
/// </summary>
internal sealed class WebhookPayloads(Guid tenantId, Guid modelId, IReadOnlyList<RecordResult> results, DateTimeOffset now)
{
    // Each record's JSON per include set, serialised once however many endpoints and events use it.
    private readonly Dictionary<string, byte[][]> _records = [];

    public IEnumerable<WebhookDelivery> For(WebhookEndpoint endpoint)
    {
        var events = endpoint.Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (events.Contains(WebhookEvents.BatchProcessed))
        {
            yield return Batch(endpoint);
        }

        if (events.Contains(WebhookEvents.RecordProcessed))
        {
            for (int i = 0; i < results.Count; i++)
            {
                yield return Record(endpoint, WebhookEvents.RecordProcessed, i, null);
            }
        }

        if (events.Contains(WebhookEvents.AnomalyDetected))
        {
            for (int i = 0; i < results.Count; i++)
            {
                if (results[i].AnomalyLikelihood is { } likelihood && likelihood >= endpoint.AnomalyThreshold)
                {
                    yield return Record(endpoint, WebhookEvents.AnomalyDetected, i, endpoint.AnomalyThreshold);
                }
            }
        }
    }

    /// <summary>A result with only the per-pool outputs in <paramref name="include"/> (null: all of them).</summary>
    public static RecordResult Narrow(RecordResult result, IReadOnlySet<string>? include) => include is null ? result : result with
    {
        Pools = result.Pools.ToDictionary(p => p.Key, p => p.Value with
        {
            ActiveColumns = include.Contains(WebhookOutputs.ActiveColumns) ? p.Value.ActiveColumns : null,
            ActiveCells = include.Contains(WebhookOutputs.ActiveCells) ? p.Value.ActiveCells : null,
            WinnerCells = include.Contains(WebhookOutputs.WinnerCells) ? p.Value.WinnerCells : null,
            PredictiveCells = include.Contains(WebhookOutputs.PredictiveCells) ? p.Value.PredictiveCells : null,
            Predictions = include.Contains(WebhookOutputs.Predictions) ? p.Value.Predictions : null,
        }),
    };

    private WebhookDelivery Batch(WebhookEndpoint endpoint)
    {
        var records = RecordsJson(endpoint.Include);
        long first = results[0].Seq, last = results[^1].Seq;
        var data = Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("modelId", modelId);
            writer.WriteNumber("firstSeq", first);
            writer.WriteNumber("lastSeq", last);
            writer.WriteStartArray("results");
            foreach (var record in records) writer.WriteRawValue(record, skipInputValidation: true);
            writer.WriteEndArray();
            writer.WriteEndObject();
        });
        return Row(endpoint, WebhookEvents.BatchProcessed, first, last, data);
    }

    private WebhookDelivery Record(WebhookEndpoint endpoint, string type, int index, double? threshold)
    {
        var record = RecordsJson(endpoint.Include)[index];
        var data = Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("modelId", modelId);
            if (threshold is { } t) writer.WriteNumber("threshold", t);
            writer.WritePropertyName("result");
            writer.WriteRawValue(record, skipInputValidation: true);
            writer.WriteEndObject();
        });
        long seq = results[index].Seq;
        return Row(endpoint, type, seq, seq, data);
    }

    private WebhookDelivery Row(WebhookEndpoint endpoint, string type, long first, long last, byte[] data)
    {
        var body = Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteString("timestamp", now);
            writer.WritePropertyName("data");
            writer.WriteRawValue(data, skipInputValidation: true);
            writer.WriteEndObject();
        });
        return new WebhookDelivery
        {
            Id = DeliveryId(endpoint.Id, type, first, last, data),
            TenantId = tenantId,
            EndpointId = endpoint.Id,
            ModelId = modelId,
            EventType = type,
            FirstSeq = first,
            LastSeq = last,
            Payload = Encoding.UTF8.GetString(body),
            Status = WebhookDeliveryStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    private byte[][] RecordsJson(string? include)
    {
        var key = include ?? "\0all";
        if (!_records.TryGetValue(key, out var json))
        {
            var set = include?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            json = results.Select(r => JsonSerializer.SerializeToUtf8Bytes(Narrow(r, set), HtmJson.Options)).ToArray();
            _records[key] = json;
        }

        return json;
    }

    private Guid DeliveryId(Guid endpointId, string type, long first, long last, byte[] data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> scratch = stackalloc byte[16];
        endpointId.TryWriteBytes(scratch);
        hash.AppendData(scratch);
        modelId.TryWriteBytes(scratch);
        hash.AppendData(scratch);
        hash.AppendData(Encoding.UTF8.GetBytes(type));
        BitConverter.TryWriteBytes(scratch, first);
        BitConverter.TryWriteBytes(scratch[8..], last);
        hash.AppendData(scratch);
        hash.AppendData(data);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        // RFC 9562 version 8 (custom) and variant bits, so the id is a well-formed UUID.
        digest[6] = (byte)(digest[6] & 0x0F | 0x80);
        digest[8] = (byte)(digest[8] & 0x3F | 0x80);
        return new Guid(digest[..16], bigEndian: true);
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
