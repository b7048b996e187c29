using System.Runtime.InteropServices;

namespace HtmCloud.Bench;

/// <summary>Nearest-rank percentiles, the one definition every harness prints.</summary>
internal static class Percentiles
{
    /// <summary>The value at rank ⌊q·n⌋ of the sorted values (the upper middle for the median of an even count); NaN when empty.</summary>
    public static double Of(ReadOnlySpan<double> values, double q)
    {
        if (values.IsEmpty) return double.NaN;
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
    }

    public static double Of(List<double> values, double q) => Of(CollectionsMarshal.AsSpan(values), q);
}
