using System.Text.Json;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Api.Live;

public static class LivePublishing
{
    /// <summary>Publishes a processed batch: result i belongs to input record i (a batch stops at its first bad record).</summary>
    public static void Publish(this ILiveResults live, Guid modelId, IReadOnlyList<RecordResult> results, IReadOnlyList<Dictionary<string, JsonElement>?> inputs)
    {
        if (results.Count == 0) return;
        var records = new LiveRecord[results.Count];
        for (int i = 0; i < records.Length; i++) records[i] = new LiveRecord(results[i], i < inputs.Count ? inputs[i] : null);
        live.Publish(modelId, records);
    }
}
