using System.Security.Claims;

namespace HtmCloud.Api.Auth;

public static class TenantClaims
{
    /// <summary>The calling tenant; only on endpoints behind <see cref="TenantEndpoints.RequireTenant{TBuilder}"/>.</summary>
    public static Guid TenantId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ApiKeyDefaults.TenantIdClaim), out var id)
            ? id
            : throw new InvalidOperationException("The caller has no tenant claim; put the endpoint behind RequireTenant().");

    /// <summary>The id of the API key the caller used.</summary>
    public static Guid ApiKeyId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ApiKeyDefaults.KeyIdClaim), out var id)
            ? id
            : throw new InvalidOperationException("The caller has no key claim; put the endpoint behind RequireTenant().");
}
