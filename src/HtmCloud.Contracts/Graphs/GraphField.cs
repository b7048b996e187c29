namespace HtmCloud.Contracts.Graphs;

/// <summary>A named input of every record, e.g. <c>{"name":"value","type":"number"}</c>.</summary>
public sealed record GraphField
{
    public string Name { get; init; } = "";
    public GraphFieldType Type { get; init; }
}
