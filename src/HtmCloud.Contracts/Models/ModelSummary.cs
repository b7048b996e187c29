namespace HtmCloud.Contracts.Models;

/// <summary>A model in a list.</summary>
public sealed record ModelSummary(Guid Id, string Name, DateTimeOffset CreatedAt);
