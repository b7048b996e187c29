using HtmCloud.Api.Cluster;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HtmCloud.Api.Live;

public static class LiveHosting
{
    /// <summary>
    /// Live record streams: settings, and the fan-out unless another <see cref="ILiveResults"/> was registered first:
    /// over Redis with <c>Cluster=Redis</c> (a viewer on any node sees every node's records), else in-process.
    /// </summary>
    public static WebApplicationBuilder AddHtmLive(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<LiveSettings>(builder.Configuration.GetSection(LiveSettings.Section));
        if (ClusterMode.IsRedis(builder.Configuration))
        {
            var clusterId = (builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings()).ClusterId;
            builder.Services.TryAddSingleton<ILiveResults>(services => new RedisLiveResults(
                services.GetRequiredService<RedisConnection>(), clusterId, services.GetRequiredService<ILogger<RedisLiveResults>>()));
        }
        builder.Services.TryAddSingleton<ILiveResults, InProcessLiveResults>();
        builder.Services.AddSingleton<LiveStreamLimits>();
        return builder;
    }
}
