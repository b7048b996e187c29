using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;

namespace HtmCloud.Api.Tests.Records;

/// <summary>
/// A request body written while the request is in flight: each <see cref="WriteLineAsync"/> sends one line and
/// flushes it; <see cref="Complete"/> ends the body. Lets a test interleave writing input and reading output.
/// </summary>
public sealed class LineStreamContent : HttpContent
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LineStreamContent(string mediaType) => Headers.ContentType = new MediaTypeHeaderValue(mediaType);

    /// <summary>Completes once every line was handed to the transport and the body ended.</summary>
    public Task Written => _written.Task;

    public ValueTask WriteLineAsync(string line) => _lines.Writer.WriteAsync(line);

    public void Complete() => _lines.Writer.TryComplete();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        try
        {
            await foreach (var line in _lines.Reader.ReadAllAsync())
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"));
                await stream.FlushAsync();
            }
            _written.TrySetResult();
        }
        catch (Exception e)
        {
            _written.TrySetException(e);
            throw;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
