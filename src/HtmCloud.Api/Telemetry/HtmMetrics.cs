using System.Diagnostics.Metrics;

namespace HtmCloud.Api.Telemetry;

/// <summary>The service's own instruments, on the meter "HtmCloud" (exported with the ASP.NET Core ones).</summary>
public sealed class HtmMetrics
{
    public const string MeterName = "HtmCloud";

    public HtmMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        RecordsProcessed = meter.CreateCounter<long>(
            "records_processed", unit: "{record}", description: "Records run through a model.");
        // No unit on purpose: Prometheus would append it to a name that already says milliseconds.
        RecordBatchDuration = meter.CreateHistogram<double>(
            "record_batch_duration_ms", description: "Time to process one batch of records, in milliseconds.");
    }

    /// <summary>Add the batch size; tag with <c>model_id</c> only where cardinality allows.</summary>
    public Counter<long> RecordsProcessed { get; }

    public Histogram<double> RecordBatchDuration { get; }
}
