using HtmCloud.Contracts.Graphs;

namespace HtmCloud.Contracts.Models;

/// <summary><c>{"name":"cpu","template":"scalar-anomaly"}</c> or <c>{"name":"cpu","graph":{…}}</c>.</summary>
public sealed record CreateModelRequest
{
    public string Name { get; init; } = "";
    public string? Template { get; init; }
    public TemplateOptions? TemplateOptions { get; init; }
    public PoolGraphDocument? Graph { get; init; }
}
