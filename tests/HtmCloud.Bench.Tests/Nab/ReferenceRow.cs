using System.Globalization;

namespace HtmCloud.Bench.Tests.Nab;

/// <summary>One row of NAB's per-file reference CSVs; Totals rows carry an empty file and the profile of the rows after them.</summary>
internal sealed record ReferenceRow(string Profile, string File, double Threshold, double Score, int Tp, int Tn, int Fp, int Fn, int TotalCount)
{
    public bool IsTotals => File.Length == 0;

    public static IReadOnlyList<ReferenceRow> Load(string path)
    {
        var rows = new List<ReferenceRow>();
        var lines = System.IO.File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        for (int i = 0; i < lines.Length; i++)
        {
            var c = lines[i];
            // Totals rows precede their profile's rows and leave the profile blank.
            string profile = c[0] == "Totals" ? lines.Skip(i + 1).First(n => n[0] != "Totals")[1] : c[1];
            rows.Add(new ReferenceRow(profile, c[2], c[3].Length == 0 ? double.NaN : D(c[3]), D(c[4]),
                I(c[5]), I(c[6]), I(c[7]), I(c[8]), I(c[9])));
        }
        return rows;
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
    private static int I(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
