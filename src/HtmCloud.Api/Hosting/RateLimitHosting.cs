using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using HtmCloud.Api.Auth;
using HtmCloud.Api.Cluster;
using HtmCloud.Api.Errors;
using HtmCloud.Api.RateLimiting;
using Microsoft.Extensions.Options;

namespace HtmCloud.Api.Hosting;

public static class RateLimitHosting
{
    /// <summary>
    /// Per-tenant token buckets and a per-address sign-up window (<see cref="RateLimitSettings"/>); a rejected
    /// request gets 429, a <c>Retry-After</c> header and a ProblemDetails body. With <c>Cluster=Redis</c> both are token
    /// buckets in Redis (<see cref="RedisTokenBucketLimiter"/>), shared by every node.
    /// </summary>
    public static IHostApplicationBuilder AddHtmRateLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<RateLimitSettings>(builder.Configuration.GetSection(RateLimitSettings.Section));
        bool shared = ClusterMode.IsRedis(builder.Configuration);
        var cluster = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        string prefix = $"{cluster.ServiceId}/{cluster.ClusterId}/ratelimit";
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(RateLimitPolicies.Tenant, context =>
            {
                var settings = Settings(context);
                var tenant = context.User.FindFirst(ApiKeyDefaults.TenantIdClaim)?.Value ?? "";
                if (shared)
                    return RateLimitPartition.Get(tenant, key => Redis(context, $"{prefix}/tenant/{key}", settings.Burst, settings.PermitsPerSecond));
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
                if (shared)
                    return RateLimitPartition.Get(address.ToString(), key => Redis(context, $"{prefix}/signup/{key}", settings.SignupsPerMinute, settings.SignupsPerMinute / 60.0));
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

    // Sign-ups: a bucket of SignupsPerMinute refilled over a minute, close to the single node's fixed window.
    private static RedisTokenBucketLimiter Redis(HttpContext context, string key, int capacity, double perSecond) => new(
        context.RequestServices.GetRequiredService<RedisConnection>(), key, Math.Max(1, capacity), Math.Max(perSecond, 1 / 60.0),
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<RedisTokenBucketLimiter>());

    private static RateLimitSettings Settings(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptionsMonitor<RateLimitSettings>>().CurrentValue;
}
