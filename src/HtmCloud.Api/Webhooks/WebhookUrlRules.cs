using System.Net;

namespace HtmCloud.Api.Webhooks;

/// <summary>
/// What an endpoint URL must be when registered: absolute, https (http only where the operator allows it), no
/// credentials, and not an IP literal the SSRF guard would refuse. Host names are judged at connect time only.
/// </summary>
public static class WebhookUrlRules
{
    public const int MaxLength = 2048;

    /// <summary>The reason the URL is refused, or null.</summary>
    public static string? Check(string? url, WebhookSettings settings)
    {
        if (string.IsNullOrWhiteSpace(url)) return "is required";
        if (url.Length > MaxLength) return $"must be at most {MaxLength} characters";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) return "must be an absolute URL";
        bool httpAllowed = settings.AllowHttp || settings.AllowPrivateNetworks;
        if (uri.Scheme != Uri.UriSchemeHttps && !(httpAllowed && uri.Scheme == Uri.UriSchemeHttp))
            return httpAllowed ? "must be an http or https URL" : "must be an https URL";
        if (uri.UserInfo.Length > 0) return "must not carry credentials";
        if (uri.Fragment.Length > 0) return "must not have a fragment";
        if (!settings.AllowPrivateNetworks && IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var address) && NetworkGuard.IsRefused(address))
            return $"points at {address}: loopback, private, link-local and metadata addresses are refused";
        return null;
    }
}
