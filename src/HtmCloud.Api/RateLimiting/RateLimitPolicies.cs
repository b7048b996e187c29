namespace HtmCloud.Api.RateLimiting;

/// <summary>Names of the rate-limit policies endpoints opt into.</summary>
public static class RateLimitPolicies
{
    /// <summary>Token bucket per tenant (the <c>tenant_id</c> claim).</summary>
    public const string Tenant = "tenant";

    /// <summary>Fixed window per client address, for the anonymous sign-up.</summary>
    public const string Signup = "signup";
}
