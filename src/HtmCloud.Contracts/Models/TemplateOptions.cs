namespace HtmCloud.Contracts.Models;

/// <summary>Hints a template uses: the expected metric range and the length of the learning period.</summary>
public sealed record TemplateOptions
{
    public double Minimum { get; init; }
    public double Maximum { get; init; } = 100;
    public int ProbationaryRecords { get; init; } = 750;
    public ulong Seed { get; init; } = 1;
}
