using HtmCloud.Api.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace HtmCloud.Api.Hosting;

public static class AuthHosting
{
    /// <summary>The API-key scheme and the tenant policy, both the defaults.</summary>
    public static IHostApplicationBuilder AddHtmAuthentication(this IHostApplicationBuilder builder)
    {
        builder.Services
            .AddAuthentication(ApiKeyDefaults.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null);

        var tenant = new AuthorizationPolicyBuilder(ApiKeyDefaults.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(ApiKeyDefaults.TenantIdClaim)
            .Build();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyDefaults.TenantPolicy, tenant)
            .SetDefaultPolicy(tenant);
        return builder;
    }
}
