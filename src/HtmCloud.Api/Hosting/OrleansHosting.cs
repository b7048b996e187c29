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
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            silo.AddMemoryGrainStorageAsDefault();
        });
        return builder;
    }
}
