namespace HtmCloud.Api.Models;

/// <summary>Per-tenant and per-request caps of the models feature (settings section <c>Models</c>).</summary>
public sealed record ModelLimits
{
    public int MaxModelsPerTenant { get; init; } = 100;
    public int MaxRecordsPerBatch { get; init; } = 1_000;
}
