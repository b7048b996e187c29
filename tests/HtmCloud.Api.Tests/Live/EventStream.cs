namespace HtmCloud.Api.Tests.Live;

/// <summary>One server-sent event (<see cref="Comment"/> set for a ":" line instead).</summary>
public sealed record ServerEvent(string? Event, string? Id, string Data, string? Comment = null);

/// <summary>Reads a text/event-stream body event by event, comments included, each read bounded by a timeout.</summary>
public sealed class EventStream(Stream body) : IDisposable
{
    private readonly StreamReader _reader = new(body);

    public async Task<ServerEvent> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        string? name = null, id = null;
        var data = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancel.Token) ?? throw new EndOfStreamException("the event stream ended");
            if (line.StartsWith(':')) return new ServerEvent(null, null, "", line[1..].Trim());
            if (line.Length == 0)
            {
                if (data.Count == 0 && name is null) continue;
                return new ServerEvent(name, id, string.Join('\n', data));
            }
            int colon = line.IndexOf(':');
            string field = colon < 0 ? line : line[..colon], value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            if (field == "event") name = value;
            else if (field == "id") id = value;
            else if (field == "data") data.Add(value);
        }
    }

    /// <summary>The next <paramref name="count"/> events named <paramref name="name"/>, skipping comments and others.</summary>
    public async Task<List<ServerEvent>> TakeAsync(string name, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var events = new List<ServerEvent>();
        while (events.Count < count)
        {
            var next = await NextAsync(deadline - DateTime.UtcNow);
            if (next.Event == name) events.Add(next);
        }
        return events;
    }

    public void Dispose() => _reader.Dispose();
}
