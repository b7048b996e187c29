using System.Net;
using HtmCloud.Grains.Pools;

namespace HtmCloud.Api.Hosting;

public static class OrleansHosting
{
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    /// <summary>
    /// The co-hosted silo, localhost clustering on <c>Cluster:SiloPort</c> / <c>Cluster:GatewayPort</c>.
    /// Our settings live under "Cluster": the "Orleans" section belongs to Orleans' own provider config.
    /// </summary>
    public static IHostApplicationBuilder AddHtmOrleans(this IHostApplicationBuilder builder)
    {
        var siloPort = builder.Configuration.GetValue("Cluster:SiloPort", DefaultSiloPort);
        var gatewayPort = builder.Configuration.GetValue("Cluster:GatewayPort", DefaultGatewayPort);
        // Another local silo's port makes this one join its development cluster (several silos on one machine).
        var primaryPort = builder.Configuration.GetValue<int?>("Cluster:PrimarySiloPort");
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, primaryPort is int port ? new IPEndPoint(IPAddress.Loopback, port) : null);
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddPlacementDirector<ColumnRangePlacement, ColumnRangePlacementDirector>();
        });
        return builder;
    }
}
