using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;

namespace HtmCloud.Api.Tenants;

/// <summary>Sign-up email rules: a bare address (no display name) with a dotted domain, stored lower case.</summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static bool TryNormalize(string? value, [NotNullWhen(true)] out string? email, [NotNullWhen(false)] out string? error)
    {
        email = null;
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "is required";
            return false;
        }

        if (trimmed.Length > MaxLength)
        {
            error = $"must be at most {MaxLength} characters";
            return false;
        }

        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed ||
            address.DisplayName.Length > 0 || !address.Host.Contains('.') || address.Host.EndsWith('.'))
        {
            error = "is not a valid email address";
            return false;
        }

        email = trimmed.ToLowerInvariant();
        error = null;
        return true;
    }
}
