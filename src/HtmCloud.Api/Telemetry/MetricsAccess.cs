using System.Net;
using System.Security.Cryptography;
using System.Text;
using HtmCloud.Api.Errors;

namespace HtmCloud.Api.Telemetry;

/// <summary>
/// Who may scrape /metrics (section <c>Metrics</c>): with <c>ScrapeToken</c> set, requests bearing it; without,
/// only the machine itself (loopback), so a public address never shows the service's traffic to anyone.
/// </summary>
internal static class MetricsAccess
{
    public const string Path = "/metrics";

    public static IApplicationBuilder UseMetricsAccess(this IApplicationBuilder app, string? scrapeToken)
    {
        byte[]? expected = string.IsNullOrEmpty(scrapeToken) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(scrapeToken));
        return app.Use(async (context, next) =>
        {
            if (!context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase) || Allowed(context, expected))
            {
                await next(context);
                return;
            }
            if (expected is not null) context.Response.Headers.WWWAuthenticate = "Bearer";
            await Problems.WriteAsync(
                context, expected is null ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
                expected is null ? "Metrics are served to loopback only; set Metrics:ScrapeToken to scrape from elsewhere." : "Metrics need 'Authorization: Bearer <Metrics:ScrapeToken>'.");
        });
    }

    private static bool Allowed(HttpContext context, byte[]? expected)
    {
        if (expected is null)
        {
            // No address at all is an in-process caller (the test server), not the network.
            var remote = context.Connection.RemoteIpAddress;
            return remote is null || IPAddress.IsLoopback(remote);
        }
        string? header = context.Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        // Hashes of equal length compare in constant time whatever the token's length.
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim())), expected);
    }
}
