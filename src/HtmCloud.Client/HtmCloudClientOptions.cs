namespace HtmCloud.Client;

/// <summary>Where the API is, which key to send, and how hard to retry.</summary>
public sealed record HtmCloudClientOptions
{
    /// <summary>The default server, as <c>dotnet run --project src/HtmCloud.Api</c> serves it.</summary>
    public static readonly Uri DefaultBaseAddress = new("http://localhost:5000/");

    /// <summary>The API's root URL, e.g. <c>https://htm.example.com/</c>; default <see cref="DefaultBaseAddress"/>.</summary>
    public Uri BaseAddress { get; init; } = DefaultBaseAddress;

    /// <summary>The API key (<c>htm_&lt;id&gt;_&lt;secret&gt;</c>) sent as a bearer token; null for sign-up only.</summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// Retries after the first attempt for calls that are safe to repeat (GET, PUT, DELETE, and record batches,
    /// which always carry an Idempotency-Key); default 3. Zero turns retries off.
    /// </summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first retry's delay; later ones grow exponentially with jitter, and a Retry-After header wins. Default 200 ms.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long one attempt may take before it is abandoned (and retried if safe); default 100 s.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>How <c>Records.StreamAsync</c> cuts a stream of records into requests.</summary>
    public RecordStreamOptions Streaming { get; init; } = new();
}
