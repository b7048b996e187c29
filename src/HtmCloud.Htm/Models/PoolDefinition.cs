namespace HtmCloud.Htm.Models;

/// <summary>
/// One pool of a <see cref="PoolGraph"/>: its model, where its input comes from (record fields, or another
/// pool's output for a hierarchy) and an optional group whose members exchange winner cells.
/// </summary>
public sealed record PoolDefinition
{
    public string Name { get; init; } = "pool";

    /// <summary>The pool's model. Its input size and external input size are set by the graph.</summary>
    public HtmModelParameters Model { get; init; } = HtmModelParameters.Default;

    /// <summary>Name of the pool whose output feeds this one; null = this pool encodes record fields.</summary>
    public string? InputPool { get; init; }

    /// <summary>Which output of <see cref="InputPool"/> is this pool's input. Default active columns.</summary>
    public PoolInputKind InputKind { get; init; } = PoolInputKind.ActiveColumns;

    /// <summary>Pools sharing a group name receive each other's previous winner cells as external distal input.</summary>
    public string? Group { get; init; }
}
