using System.Text.Json;

namespace HtmCloud.Bench.Nab;

/// <summary>One NAB cost profile: what a detected window earns, a false positive costs and a missed window costs.</summary>
public sealed record NabProfile(string Name, double TpWeight, double FpWeight, double FnWeight)
{
    public const string StandardName = "standard";
    public const string LowFpName = "reward_low_FP_rate";
    public const string LowFnName = "reward_low_FN_rate";

    /// <summary>NAB's three profiles, as in config/profiles.json.</summary>
    public static IReadOnlyList<NabProfile> Defaults { get; } =
    [
        new(StandardName, 1.0, 0.11, 1.0),
        new(LowFpName, 1.0, 0.22, 1.0),
        new(LowFnName, 1.0, 0.11, 2.0),
    ];

    /// <summary>Label used in summary lines: standard, low_fp, low_fn.</summary>
    public string ShortName => Name switch
    {
        LowFpName => "low_fp",
        LowFnName => "low_fn",
        _ => Name,
    };

    /// <summary>Raw score of a detector that detects nothing: every window missed.</summary>
    public double NullScore(int windows) => -windows * FnWeight;

    /// <summary>Raw score of a detector that hits the first row of every window and nothing else.</summary>
    public double PerfectScore(int windows) => windows * TpWeight;

    /// <summary>100·(raw − null)/(perfect − null); NaN when there are no windows to normalise by.</summary>
    public double Normalise(double raw, int windows)
    {
        double nullScore = NullScore(windows), perfect = PerfectScore(windows);
        return perfect == nullScore ? double.NaN : 100.0 * (raw - nullScore) / (perfect - nullScore);
    }

    /// <summary>Reads profiles.json; the three NAB profiles come first in the usual order, others follow.</summary>
    public static IReadOnlyList<NabProfile> Load(string profilesJsonPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(profilesJsonPath));
        var profiles = new List<NabProfile>();
        foreach (var entry in doc.RootElement.EnumerateObject())
        {
            var costs = entry.Value.GetProperty("CostMatrix");
            profiles.Add(new NabProfile(entry.Name, costs.GetProperty("tpWeight").GetDouble(),
                costs.GetProperty("fpWeight").GetDouble(), costs.GetProperty("fnWeight").GetDouble()));
        }
        return [.. profiles.OrderBy(p => Order(p.Name))];
    }

    private static int Order(string name) => name switch
    {
        StandardName => 0,
        LowFpName => 1,
        LowFnName => 2,
        _ => 3,
    };
}
