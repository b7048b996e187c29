namespace HtmCloud.Api.RateLimiting;

/// <summary>Settings section <c>RateLimits</c>.</summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    /// <summary>Requests per second each tenant may sustain (tokens added to its bucket every second).</summary>
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Bucket size: how many requests a tenant may send at once after a quiet spell.</summary>
    public int Burst { get; set; } = 100;

    /// <summary>Sign-ups per minute from one client address.</summary>
    public int SignupsPerMinute { get; set; } = 10;
}
