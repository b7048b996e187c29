using System.Globalization;
using System.Text;

namespace HtmCloud.Bench.Nab;

/// <summary>A detector's NAB scores under every profile, with how the thresholds were chosen; printable.</summary>
public sealed class NabReport(string detector, string thresholdMethod, IReadOnlyList<NabProfileScore> profiles)
{
    public string Detector { get; } = detector;
    /// <summary>"exhaustive optimiser" or "published thresholds".</summary>
    public string ThresholdMethod { get; } = thresholdMethod;
    public IReadOnlyList<NabProfileScore> Profiles { get; } = profiles;

    public NabProfileScore this[string profileName] => Profiles.FirstOrDefault(p => p.Profile.Name == profileName)
        ?? throw new KeyNotFoundException($"The report has no profile '{profileName}'.");

    /// <summary>Normalised standard-profile score (0 = detects nothing, 100 = perfect).</summary>
    public double Standard => this[NabProfile.StandardName].NormalisedScore;
    public double LowFp => this[NabProfile.LowFpName].NormalisedScore;
    public double LowFn => this[NabProfile.LowFnName].NormalisedScore;

    /// <summary>"nab standard=x low_fp=y low_fn=z", ten decimals as NAB prints them.</summary>
    public string SummaryLine => "nab " + string.Join(' ', Profiles.Select(p => $"{p.Profile.ShortName}={F(p.NormalisedScore, 10)}"));

    public string Format()
    {
        var text = new StringBuilder();
        int windows = Profiles.Count > 0 ? Profiles[0].Windows : 0, files = Profiles.Count > 0 ? Profiles[0].Files.Count : 0;
        text.AppendLine(CultureInfo.InvariantCulture, $"{Detector}: {ThresholdMethod} ({files} files, {windows} windows)");
        text.AppendLine("  profile      normalised            raw   threshold        TP      FP        FN        TN  windows hit");
        foreach (var p in Profiles)
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {p.Profile.ShortName,-9} {F(p.NormalisedScore, 10),15} {F(p.RawScore, 10),15} {F(p.Threshold, 10),12} {p.TruePositives,8} {p.FalsePositives,7} {p.FalseNegatives,9} {p.TrueNegatives,9}  {p.WindowsDetected,4}/{p.Windows}");
        text.AppendLine("  per category, normalised (raw in brackets where a category has no windows):");
        text.Append(CultureInfo.InvariantCulture, $"  {"category",-24} {"files",5} {"windows",7}");
        foreach (var p in Profiles) text.Append(CultureInfo.InvariantCulture, $" {p.Profile.ShortName,12}");
        text.AppendLine();
        if (Profiles.Count == 0) return text.ToString();
        for (int c = 0; c < Profiles[0].Categories.Count; c++)
        {
            var first = Profiles[0].Categories[c];
            text.Append(CultureInfo.InvariantCulture, $"  {first.Category,-24} {first.Files,5} {first.Windows,7}");
            foreach (var p in Profiles)
            {
                var cat = p.Categories[c];
                text.Append(' ').Append(double.IsNaN(cat.NormalisedScore) ? $"({F(cat.RawScore, 3)})".PadLeft(12) : F(cat.NormalisedScore, 3).PadLeft(12));
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    public override string ToString() => Format();

    private static string F(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
