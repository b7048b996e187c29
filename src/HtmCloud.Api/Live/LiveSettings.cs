namespace HtmCloud.Api.Live;

/// <summary>The <c>Live</c> section: how the record stream keeps connections open and how much it buffers per viewer.</summary>
public sealed class LiveSettings
{
    public const string Section = "Live";

    /// <summary>Seconds between comment lines on an idle stream, so proxies keep it open.</summary>
    public double HeartbeatSeconds { get; set; } = 15;

    /// <summary>Records buffered per viewer; past it the oldest are dropped and the viewer is told how many.</summary>
    public int BufferSize { get; set; } = 2048;

    /// <summary>Streams one tenant may hold open on one node; past it a new one is refused with 429.</summary>
    public int MaxStreamsPerTenant { get; set; } = 10;
}
