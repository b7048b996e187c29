using System.Text.Json;

namespace HtmCloud.Contracts.Models;

/// <summary><c>{"records":[{"timestamp":"2026-01-01T00:00:00Z","value":12.5}, …]}</c>: values keyed by field name.</summary>
public sealed record RecordBatchRequest
{
    public IReadOnlyList<Dictionary<string, JsonElement>> Records { get; init; } = [];
}
