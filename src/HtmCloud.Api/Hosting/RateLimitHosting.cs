using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using HtmCloud.Api.Auth;
using HtmCloud.Api.Errors;
using HtmCloud.Api.RateLimiting;
using Microsoft.Extensions.Options;

namespace HtmCloud.Api.Hosting;

public static class RateLimitHosting
{
    /// <summary>
    /// Per-tenant token buckets and a per-address sign-up window (<see cref="RateLimitSettings"/>); a rejected
    /// request gets 429, a <c>Retry-After</c> header and a ProblemDetails body.
    /// </summary>
    public static IHostApplicationBuilder AddHtmRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<RateLimitSettings>(builder.Configuration.GetSection(RateLimitSettings.Section));
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(RateLimitPolicies.Tenant, context =>
            {
                var settings = Settings(context);
                var tenant = context.User.FindFirst(ApiKeyDefaults.TenantIdClaim)?.Value ?? "";
                return RateLimitPartition.GetTokenBucketLimiter(tenant, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, settings.Burst),
                    TokensPerPeriod = Math.Max(1, settings.PermitsPerSecond),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.AddPolicy(RateLimitPolicies.Signup, context =>
            {
                var settings = Settings(context);
                var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
                return RateLimitPartition.GetFixedWindowLimiter(address.ToString(), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, settings.SignupsPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = async (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.WriteAsync(
                    context.HttpContext, StatusCodes.Status429TooManyRequests,
                    $"Rate limit exceeded; retry after {seconds} s.");
            };
        });
        return builder;
    }

    private static RateLimitSettings Settings(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitSettings>>().CurrentValue;
}
