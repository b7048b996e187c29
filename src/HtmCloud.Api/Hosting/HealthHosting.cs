using HtmCloud.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace HtmCloud.Api.Hosting;

public static class HealthHosting
{
    private const string Ready = "ready";

    public static IHostApplicationBuilder AddHtmHealthChecks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddDbContextCheck<HtmDbContext>("database", tags: [Ready]);
        return builder;
    }

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: and its database does too.</summary>
    public static WebApplication MapHtmHealthChecks(this WebApplication app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        health.MapHealthChecks("/live", new HealthCheckOptions { Predicate = _ => false });
        health.MapHealthChecks("/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
        return app;
    }
}
