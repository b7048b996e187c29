using System.Globalization;

namespace HtmCloud.Bench.Nab;

/// <summary>NAB's timestamp formats: data rows without fractions, label boundaries with ".000000".</summary>
internal static class NabTimestamp
{
    private static readonly string[] Formats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.ffffff", "yyyy-MM-dd HH:mm:ss.FFFFFFF"];

    public static DateTime Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a NAB timestamp (yyyy-MM-dd HH:mm:ss).");

    public static bool TryParse(ReadOnlySpan<char> text, out DateTime value) =>
        DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    public static string Format(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
