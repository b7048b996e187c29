using HtmCloud.Contracts.Models;

namespace HtmCloud.Contracts.Webhooks;

/// <summary><c>record.processed</c>: one record's result.</summary>
public sealed record RecordProcessedData(Guid ModelId, RecordResult Result);
