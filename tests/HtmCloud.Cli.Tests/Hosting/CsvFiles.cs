using System.Globalization;
using System.Text;
using HtmCloud.Client.Tests.Hosting;

namespace HtmCloud.Cli.Tests.Hosting;

/// <summary>CSV files of <see cref="Samples"/> records, exactly as the SDK would send them.</summary>
public static class CsvFiles
{
    public static string Write(string path, int count, int start = 0)
    {
        var text = new StringBuilder("timestamp,value\n");
        foreach (var record in Samples.Records(count, start))
        {
            var at = (DateTime)record["timestamp"]!;
            var value = (double)record["value"]!;
            text.Append(CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd'T'HH:mm:ss'Z'},{value.ToString("R", CultureInfo.InvariantCulture)}\n");
        }
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
