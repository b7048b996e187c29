namespace HtmCloud.Contracts.Models;

/// <summary>One result per accepted record, in order.</summary>
public sealed record RecordBatchResponse(IReadOnlyList<RecordResult> Results);
