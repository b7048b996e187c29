using System.Text.Json;
using System.Text.Json.Serialization;

namespace HtmCloud.Client.Errors;

/// <summary>An RFC 9457 problem as the API sends it (<c>application/problem+json</c>).</summary>
public sealed record ApiProblem
{
    /// <summary>A URI naming the kind of problem.</summary>
    public string? Type { get; init; }

    /// <summary>A short summary, the same for every problem of this kind.</summary>
    public string? Title { get; init; }

    /// <summary>The HTTP status code.</summary>
    public int? Status { get; init; }

    /// <summary>What went wrong this time.</summary>
    public string? Detail { get; init; }

    /// <summary>The request path.</summary>
    public string? Instance { get; init; }

    /// <summary>Validation errors keyed by JSON path, e.g. <c>records[3].value</c> or <c>graph.pools[1].temporalMemory.cellsPerColumn</c>.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    /// <summary>Any other members, e.g. <c>accepted</c> and <c>results</c> on a refused record batch.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extensions { get; init; }
}
