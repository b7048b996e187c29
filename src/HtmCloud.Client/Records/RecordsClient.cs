using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using HtmCloud.Client.Http;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Client.Records;

/// <summary>
/// Records in, results out. A record is any object that serialises to the model's fields, e.g.
/// <c>new { timestamp = DateTime.UtcNow, value = 12.5 }</c>, a <c>Dictionary&lt;string, object?&gt;</c> or a record
/// type of your own (names are camelCased).
/// </summary>
public sealed class RecordsClient
{
    /// <summary>The media type of NDJSON streams, both ways.</summary>
    public const string NdjsonContentType = "application/x-ndjson";

    /// <summary>The header that makes a batch safe to send again.</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    private readonly ApiTransport _transport;

    internal RecordsClient(ApiTransport transport) => _transport = transport;

    /// <summary>
    /// Sends one JSON batch (up to the server's per-request limit, 10,000 by default) and returns a result per record.
    /// The batch carries an Idempotency-Key (<paramref name="idempotencyKey"/>, or a new one), so it is retried after
    /// a lost connection or a 5xx without being learned twice. A bad record throws
    /// <see cref="Errors.RecordBatchException"/> with the results of the records before it.
    /// </summary>
    public async Task<RecordBatchResponse> SendAsync<TRecord>(Guid modelId, IEnumerable<TRecord> records, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        string key = idempotencyKey ?? NewIdempotencyKey();
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new { records = records.Cast<object?>().ToList() }, HtmJson.Options);
        using var response = await _transport.SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"v1/models/{modelId}/records") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(IdempotencyKeyHeader, key);
            return request;
        }, retry: true, buffered: true, cancellationToken).ConfigureAwait(false);
        return await ApiTransport.ReadAsync<RecordBatchResponse>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Streams records as NDJSON and yields each result as it arrives. The stream goes out as a series of bounded
    /// requests (<see cref="HtmCloudClientOptions.Streaming"/>); over HTTP/2 results come back while a request is
    /// still uploading. Streams carry no Idempotency-Key and are never retried: use <see cref="SendAsync{TRecord}"/>
    /// batches where a dropped connection must be survived. A bad record ends the stream with an
    /// <see cref="Errors.HtmCloudException"/> naming <c>records[i]</c> (counted from the start of the stream), after
    /// the results of every record before it.
    /// </summary>
    public async IAsyncEnumerable<RecordResult> StreamAsync<TRecord>(Guid modelId, IAsyncEnumerable<TRecord> records, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await using var source = new RecordSource<TRecord>(records, cancellationToken);
        while (await source.NextAsync().ConfigureAwait(false))
        {
            long first = source.Taken;
            var request = new HttpRequestMessage(HttpMethod.Post, $"v1/models/{modelId}/records")
            {
                Content = new NdjsonRequestContent<TRecord>(source, _transport.Options.Streaming),
                // HTTP/2 where the server offers it (TLS with ALPN); HTTP/1.1 otherwise.
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            };
            using var response = await _transport.SendStreamingAsync(request, cancellationToken).ConfigureAwait(false);
            await foreach (var result in NdjsonResultReader.ReadAsync(response, first, cancellationToken).ConfigureAwait(false))
                yield return result;
        }
        source.ThrowIfFailed();
    }

    /// <summary>Streams records from a synchronous sequence (e.g. a file read line by line); see <see cref="StreamAsync{TRecord}(Guid, IAsyncEnumerable{TRecord}, CancellationToken)"/>.</summary>
    public IAsyncEnumerable<RecordResult> StreamAsync<TRecord>(Guid modelId, IEnumerable<TRecord> records, CancellationToken cancellationToken = default) =>
        StreamAsync(modelId, records.ToAsyncEnumerable(), cancellationToken);

    /// <summary>The model's record count and its last record's result with every SDR.</summary>
    public Task<ModelStateView> GetStateAsync(Guid modelId, CancellationToken cancellationToken = default) =>
        _transport.GetAsync<ModelStateView>($"v1/models/{modelId}/state", cancellationToken);

    /// <summary>A PNG of the last record's active columns and predictive cells.</summary>
    public async Task<byte[]> GetStatePngAsync(Guid modelId, CancellationToken cancellationToken = default)
    {
        using var response = await _transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"v1/models/{modelId}/state.png"), retry: true, buffered: true, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A new Idempotency-Key: unique per batch.</summary>
    public static string NewIdempotencyKey() => Guid.NewGuid().ToString("N");
}
