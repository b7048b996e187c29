using HtmCloud.Api.Telemetry;
using OpenTelemetry.Metrics;

namespace HtmCloud.Api.Hosting;

public static class TelemetryHosting
{
    /// <summary>
    /// OpenTelemetry metrics: ASP.NET Core's, <see cref="HtmMetrics"/> and Orleans' (per node: activations by grain type
    /// as <c>orleans_grains</c>, membership, messaging), scraped by Prometheus at /metrics.
    /// </summary>
    public static IHostApplicationBuilder AddHtmTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HtmMetrics>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(HtmMetrics.MeterName)
            .AddMeter("Microsoft.Orleans")
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>/metrics for Prometheus, to loopback or to holders of <c>Metrics:ScrapeToken</c> (see <see cref="MetricsAccess"/>).</summary>
    public static WebApplication MapHtmMetrics(this WebApplication app)
    {
        app.UseMetricsAccess(app.Configuration["Metrics:ScrapeToken"]);
        app.MapPrometheusScrapingEndpoint(MetricsAccess.Path);
        return app;
    }
}
