using System.Globalization;
using System.Text;

namespace HtmCloud.Web.Tests.Hosting;

/// <summary>
/// Test data: a sine wave every 5 minutes broken by 20 rows of noise (an anomaly the scalar template's likelihood
/// reports), under headers that differ from the model's field names.
/// </summary>
public static class CsvFiles
{
    public static byte[] SineWithBurst(int rows, int burstAt)
    {
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var csv = new StringBuilder("time,host,cpu\n");
        for (int i = 0; i < rows; i++)
        {
            // 95/5 noise: every seed of the template reaches a likelihood of 0.99 on it (on 90/10 some stay near 0.97).
            double value = i >= burstAt && i < burstAt + 20 ? (i % 2 == 0 ? 95 : 5) : 50 + 30 * Math.Sin(i / 8.0);
            csv.Append(start.AddMinutes(5 * i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
               .Append(",web-1,").Append(value.ToString("F3", CultureInfo.InvariantCulture)).Append('\n');
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
