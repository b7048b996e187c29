using HtmCloud.Api.RateLimiting;

namespace HtmCloud.Api.Auth;

public static class TenantEndpoints
{
    /// <summary>
    /// What every tenant endpoint needs, applied once to its route group: an API key, and the tenant's rate limit.
    /// <c>app.MapGroup("/v1/models").WithTags("Models").RequireTenant();</c>
    /// </summary>
    public static TBuilder RequireTenant<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder
            .RequireAuthorization(ApiKeyDefaults.TenantPolicy)
            .RequireRateLimiting(RateLimitPolicies.Tenant)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}
