using HtmCloud.Contracts.Models;

namespace HtmCloud.Contracts.Webhooks;

/// <summary><c>batch.processed</c>: every result of one batch, as the API returned them (narrowed by the endpoint's include).</summary>
public sealed record BatchProcessedData(Guid ModelId, long FirstSeq, long LastSeq, IReadOnlyList<RecordResult> Results);
