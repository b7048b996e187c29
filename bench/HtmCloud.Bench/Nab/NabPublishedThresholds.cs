using System.Text.Json;

namespace HtmCloud.Bench.Nab;

/// <summary>Reads NAB's published per-detector thresholds (config/thresholds.json).</summary>
public static class NabPublishedThresholds
{
    /// <summary>The detector's thresholds keyed by profile name, or null when the file does not list the detector.</summary>
    public static IReadOnlyDictionary<string, NabPublishedThreshold>? For(string thresholdsJsonPath, string detector)
    {
        if (!File.Exists(thresholdsJsonPath)) return null;
        using var doc = JsonDocument.Parse(File.ReadAllText(thresholdsJsonPath));
        if (!doc.RootElement.TryGetProperty(detector, out var entry)) return null;
        var result = new Dictionary<string, NabPublishedThreshold>(StringComparer.Ordinal);
        foreach (var profile in entry.EnumerateObject())
            result[profile.Name] = new NabPublishedThreshold(profile.Name,
                profile.Value.GetProperty("threshold").GetDouble(), profile.Value.GetProperty("score").GetDouble());
        return result;
    }

    /// <summary>Same, from a corpus root's config/thresholds.json.</summary>
    public static IReadOnlyDictionary<string, NabPublishedThreshold>? For(NabCorpus corpus, string detector) =>
        corpus.Root is null ? null : For(Path.Combine(corpus.Root, "config", "thresholds.json"), detector);
}
