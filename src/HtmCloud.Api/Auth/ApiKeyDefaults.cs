namespace HtmCloud.Api.Auth;

/// <summary>Names shared by the API-key scheme, its claims and its policy.</summary>
public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";

    /// <summary>Policy: an authenticated caller with a tenant (the default policy too).</summary>
    public const string TenantPolicy = "Tenant";

    public const string TenantIdClaim = "tenant_id";

    /// <summary>The id (row, not the public prefix) of the key that authenticated the request.</summary>
    public const string KeyIdClaim = "key_id";
}
