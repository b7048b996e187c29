using System.Net;
using HtmCloud.Api.Cluster;
using HtmCloud.Grains.Pools;
using Orleans.Configuration;

namespace HtmCloud.Api.Hosting;

public static class OrleansHosting
{
    /// <summary>
    /// The co-hosted silo. <c>Cluster=Localhost</c> (default): in-process membership, one node or several local silos
    /// joined through <c>Cluster:PrimarySiloPort</c>. <c>Cluster=Redis</c>: Orleans' Redis membership over
    /// <c>ConnectionStrings:Redis</c>, so any number of nodes form one cluster; ports, advertised address, ids and
    /// Orleans' membership options come from the <c>Cluster</c> section (<see cref="ClusterSettings"/>; the "Orleans"
    /// section belongs to Orleans' own provider config).
    /// </summary>
    public static IHostApplicationBuilder AddHtmOrleans(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var settings = configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        builder.Services.AddExceptionHandler<ClusterUnavailableExceptionHandler>();
        var mode = ClusterMode.Of(configuration);
        if (ClusterMode.IsRedis(configuration))
        {
            var redis = new RedisConnection(configuration.GetConnectionString("Redis") is { Length: > 0 } r
                ? r
                : throw new InvalidOperationException("Cluster=Redis needs the setting ConnectionStrings:Redis (env ConnectionStrings__Redis), e.g. redis:6379."));
            builder.Services.AddSingleton(_ => redis); // a factory registration, so the container disposes it
            var advertised = AdvertisedAddress.Resolve(settings.AdvertisedAddress);
            // Loopback stays loopback (tests, one machine); otherwise listen everywhere, as behind NAT the advertised address may not be local.
            var listen = IPAddress.IsLoopback(advertised) ? advertised : IPAddress.Any;
            builder.UseOrleans(silo =>
            {
                silo.UseRedisClustering(options =>
                {
                    options.ConfigurationOptions = redis.Options;
                    options.CreateMultiplexer = async _ => (await redis.GetAsync(), true);
                });
                silo.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (settings.ClusterId, settings.ServiceId));
                silo.Configure<EndpointOptions>(options =>
                {
                    options.AdvertisedIPAddress = advertised;
                    options.SiloPort = settings.SiloPort;
                    options.GatewayPort = settings.GatewayPort;
                    options.SiloListeningEndpoint = new IPEndPoint(listen, settings.SiloPort);
                    options.GatewayListeningEndpoint = new IPEndPoint(listen, settings.GatewayPort);
                });
                silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection(ClusterSettings.MembershipSection));
                silo.AddMemoryGrainStorageAsDefault();
                silo.AddPlacementDirector<ColumnRangePlacement, ColumnRangePlacementDirector>();
            });
        }
        else if (string.Equals(mode, ClusterMode.Localhost, StringComparison.OrdinalIgnoreCase))
        {
            // Another local silo's port makes this one join its development cluster (several silos on one machine).
            var primary = settings.PrimarySiloPort is int port ? new IPEndPoint(IPAddress.Loopback, port) : null;
            builder.UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, primary);
                silo.AddMemoryGrainStorageAsDefault();
                silo.AddPlacementDirector<ColumnRangePlacement, ColumnRangePlacementDirector>();
            });
        }
        else
        {
            throw new InvalidOperationException($"Unknown Cluster '{mode}'; use Localhost or Redis.");
        }

        return builder;
    }
}
