namespace HtmCloud.Grains.Models;

/// <summary>Results of the accepted records, in order, and the error that stopped the batch early, if any.</summary>
[GenerateSerializer, Immutable]
public sealed record BatchOutcome([property: Id(0)] RecordOutcome[] Results, [property: Id(1)] RecordError? Error);
