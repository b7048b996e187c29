using HtmCloud.Contracts.Models;

namespace HtmCloud.Client.Tests.Hosting;

/// <summary>Records for the scalar-anomaly template: a five-minute sine wave with a spike at every 97th record.</summary>
public static class Samples
{
    public const string Template = "scalar-anomaly";

    public static readonly TemplateOptions Options = new() { Minimum = 0, Maximum = 100 };

    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static Dictionary<string, object?> Record(int i) => new()
    {
        ["timestamp"] = Start.AddMinutes(5 * i),
        ["value"] = i % 97 == 96 ? 99.0 : Math.Round(50 + 30 * Math.Sin(i / 8.0), 3),
    };

    public static List<Dictionary<string, object?>> Records(int count, int start = 0) =>
        Enumerable.Range(start, count).Select(Record).ToList();
}
