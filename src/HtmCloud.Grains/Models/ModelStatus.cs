namespace HtmCloud.Grains.Models;

/// <summary>How many records a model has processed and the last one's outcome.</summary>
[GenerateSerializer, Immutable]
public sealed record ModelStatus([property: Id(0)] long RecordsProcessed, [property: Id(1)] RecordOutcome? Last);
