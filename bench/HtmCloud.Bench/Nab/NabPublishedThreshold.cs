namespace HtmCloud.Bench.Nab;

/// <summary>One entry of config/thresholds.json: the threshold NAB published for a detector and profile, and its raw score.</summary>
public sealed record NabPublishedThreshold(string Profile, double Threshold, double RawScore);
