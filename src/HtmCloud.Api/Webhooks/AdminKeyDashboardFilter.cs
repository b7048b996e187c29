using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;

namespace HtmCloud.Api.Webhooks;

/// <summary>
/// Lets into <c>/hangfire</c> only a caller presenting the operator key (<c>Hangfire:AdminKey</c>), as the password
/// of HTTP Basic (any user name; browsers prompt for it) or as a Bearer token. A tenant's API key is never it.
/// </summary>
public sealed class AdminKeyDashboardFilter(string adminKey) : IDashboardAsyncAuthorizationFilter
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(adminKey));

    public Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var presented = Presented(http.Request.Headers.Authorization.ToString());
        // Hashing both sides gives equal lengths, so the comparison time says nothing about the key.
        bool allowed = presented is not null &&
                       CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _expected);
        if (!allowed)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"HtmCloud operators\", charset=\"UTF-8\"";
        }

        return Task.FromResult(allowed);
    }

    private static string? Presented(string header)
    {
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header[7..].Trim();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            int colon = pair.IndexOf(':');
            return colon < 0 ? null : pair[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
