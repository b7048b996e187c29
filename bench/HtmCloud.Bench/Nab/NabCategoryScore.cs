namespace HtmCloud.Bench.Nab;

/// <summary>
/// A category's share of a profile score at the corpus threshold; normalised against the category's own
/// windows (NaN when it has none, e.g. artificialNoAnomaly, where only the raw score means anything).
/// </summary>
public sealed record NabCategoryScore(string Category, int Files, int Windows, double RawScore, double NormalisedScore);
