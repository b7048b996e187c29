using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using HtmCloud.Contracts;

namespace HtmCloud.Client.Records;

/// <summary>
/// One request's share of an NDJSON stream: records from the source until the request is full or the source
/// pauses longer than <see cref="RecordStreamOptions.Linger"/>. Derives from <see cref="HttpContent"/> directly,
/// which is what lets HTTP/2 read results while this is still being written.
/// </summary>
internal sealed class NdjsonRequestContent<TRecord> : HttpContent
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly RecordSource<TRecord> _source;
    private readonly RecordStreamOptions _options;

    public NdjsonRequestContent(RecordSource<TRecord> source, RecordStreamOptions options)
    {
        _source = source;
        _options = options;
        Headers.ContentType = new MediaTypeHeaderValue(RecordsClient.NdjsonContentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        int count = 0;
        long bytes = 0;
        while (count < _options.MaxRecordsPerRequest && bytes < _options.MaxBytesPerRequest)
        {
            var next = _source.NextAsync();
            if (!next.IsCompleted && count > 0)
            {
                // The source is slow: let the server see what it has, and end the request if the pause lasts.
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await next.WaitAsync(_options.Linger, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    break; // the record stays pending for the next request
                }
            }
            if (!await next.ConfigureAwait(false)) break;
            byte[] line = JsonSerializer.SerializeToUtf8Bytes(_source.Take(), HtmJson.Options);
            await stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
            count++;
            bytes += line.Length + 1;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
