namespace HtmCloud.Client.Tests.Hosting;

/// <summary>What <see cref="FlakyProxy"/> does to one connection.</summary>
public enum ProxyFault
{
    /// <summary>Forwards both ways.</summary>
    None,

    /// <summary>Forwards the request, waits until the server starts answering, then resets the client's connection.</summary>
    DropAfterRequest,

    /// <summary>Reads the request and answers 503 with Retry-After: 0 itself; the server never sees it.</summary>
    Answer503,
}
