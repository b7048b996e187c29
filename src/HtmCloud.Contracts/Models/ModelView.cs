using HtmCloud.Contracts.Graphs;

namespace HtmCloud.Contracts.Models;

/// <summary>A model as the API shows it, with its full graph (templates expanded).</summary>
public sealed record ModelView(Guid Id, string Name, DateTimeOffset CreatedAt, PoolGraphDocument Graph);
