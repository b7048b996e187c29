namespace HtmCloud.Api.Webhooks;

/// <summary>The HTTP requests of one delivery step, filled in by <see cref="AttemptRecorder"/> as each try ends.</summary>
public sealed class AttemptLog
{
    public static readonly HttpRequestOptionsKey<AttemptLog> Key = new("htmcloud.webhook-attempts");

    private readonly List<Entry> _entries = [];

    public IReadOnlyList<Entry> Entries
    {
        get { lock (_entries) return _entries.ToArray(); }
    }

    public void Add(Entry entry)
    {
        lock (_entries) _entries.Add(entry);
    }

    public sealed record Entry(DateTimeOffset At, int? StatusCode, double LatencyMs, string? Error, TimeSpan? RetryAfter);
}
