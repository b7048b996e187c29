using Hangfire;

namespace HtmCloud.Api.Webhooks;

/// <summary>
/// This host's Hangfire storage, built here rather than through Hangfire's static configuration so that each host
/// (and each test host in one process) has its own.
/// </summary>
public sealed record WebhookJobStorage(JobStorage Storage, bool IsDurable);
