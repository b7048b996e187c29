using System.Globalization;

namespace HtmCloud.Api.Webhooks;

/// <summary>Operator settings of webhook delivery (section <c>Webhooks</c>).</summary>
public sealed class WebhookSettings
{
    public const string Section = "Webhooks";

    /// <summary>Standard Webhooks' schedule: immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h.</summary>
    public const string StandardSchedule = "0,5,300,1800,7200,18000,36000,50400,72000,86400";

    /// <summary>Lets targets resolve to loopback, private, link-local or metadata addresses (self-hosting, tests); implies <see cref="AllowHttp"/>.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Lets endpoint URLs use plain http.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Seconds before each step, comma-separated; after the last step fails the delivery is <c>failed</c>.</summary>
    public string RetrySchedule { get; set; } = StandardSchedule;

    /// <summary>Quick retries inside one step (429, 5xx, network errors), honouring a short Retry-After.</summary>
    public int HttpRetries { get; set; } = 2;

    public int HttpRetryDelayMilliseconds { get; set; } = 1000;

    /// <summary>A Retry-After longer than this is left to the schedule instead of being waited for inside a step.</summary>
    public int MaxInlineRetryAfterSeconds { get; set; } = 10;

    /// <summary>Each HTTP request's time limit.</summary>
    public int AttemptTimeoutSeconds { get; set; } = 15;

    /// <summary>How long a rotated-out secret keeps signing unless the rotation says otherwise.</summary>
    public int SecretGracePeriodSeconds { get; set; } = 86_400;

    public double DefaultAnomalyThreshold { get; set; } = 0.99;

    public int MaxEndpointsPerTenant { get; set; } = 20;

    /// <summary>A pending delivery this far past due has lost its job (a crash between insert and enqueue) and is enqueued again.</summary>
    public int OrphanAfterSeconds { get; set; } = 300;

    /// <summary>Succeeded and failed deliveries (with their attempts) older than this are deleted, daily.</summary>
    public int RetentionDays { get; set; } = 30;

    public TimeSpan[] Schedule() =>
        RetrySchedule.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => TimeSpan.FromSeconds(double.Parse(s, CultureInfo.InvariantCulture)))
            .DefaultIfEmpty(TimeSpan.Zero)
            .ToArray();

    /// <summary>The longest one step can take: every try timing out, with the waits between them.</summary>
    public TimeSpan StepBudget() =>
        TimeSpan.FromSeconds(AttemptTimeoutSeconds * (HttpRetries + 1) + MaxInlineRetryAfterSeconds * HttpRetries)
        + TimeSpan.FromMilliseconds(HttpRetryDelayMilliseconds * Math.Pow(2, HttpRetries));
}
