namespace HtmCloud.Api.Webhooks;

/// <summary>Operator settings of the Hangfire server and dashboard (section <c>Hangfire</c>).</summary>
public sealed class HangfireSettings
{
    public const string Section = "Hangfire";

    /// <summary>The dashboard's key (<c>/hangfire</c>, HTTP Basic with any user name, or Bearer); no key, no dashboard.</summary>
    public string? AdminKey { get; set; }

    public int WorkerCount { get; set; } = Math.Min(20, Environment.ProcessorCount * 5);

    /// <summary>How often scheduled jobs (retries) are looked for; bounds how late a retry runs.</summary>
    public int SchedulePollingIntervalMilliseconds { get; set; } = 1000;

    /// <summary>PostgreSQL storage: how often an idle worker looks for jobs (LISTEN/NOTIFY wakes it sooner).</summary>
    public int QueuePollIntervalMilliseconds { get; set; } = 5000;
}
