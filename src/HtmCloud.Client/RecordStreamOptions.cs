namespace HtmCloud.Client;

/// <summary>
/// An NDJSON stream of records goes out as a series of requests, each bounded, so that no request outgrows the
/// server's body limit and an HTTP/1.1 connection (which reads results only after each upload) never stalls.
/// Over HTTP/2 the results of a request arrive while it is still uploading.
/// </summary>
public sealed record RecordStreamOptions
{
    /// <summary>Most records in one request; default 1,000.</summary>
    public int MaxRecordsPerRequest { get; init; } = 1000;

    /// <summary>Most bytes of NDJSON in one request; default 256 KiB.</summary>
    public int MaxBytesPerRequest { get; init; } = 256 * 1024;

    /// <summary>A request ends early when the source has produced nothing for this long, so a slow source still gets results promptly; default 100 ms.</summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(100);
}
