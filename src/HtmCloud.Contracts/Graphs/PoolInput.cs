using HtmCloud.Htm.Models;

namespace HtmCloud.Contracts.Graphs;

/// <summary>Another pool's output as this pool's input (hierarchy): <c>{"pool":"low","kind":"activeColumns"}</c>.</summary>
public sealed record PoolInput
{
    public string Pool { get; init; } = "";
    public PoolInputKind Kind { get; init; } = PoolInputKind.ActiveColumns;
}
