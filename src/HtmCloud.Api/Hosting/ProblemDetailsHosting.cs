using HtmCloud.Api.Errors;

namespace HtmCloud.Api.Hosting;

public static class ProblemDetailsHosting
{
    /// <summary>Every error body is RFC 9457 ProblemDetails: thrown exceptions, bodiless 4xx/5xx, binding failures.</summary>
    public static IHostApplicationBuilder AddHtmProblemDetails(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<ModelGoneExceptionHandler>();
        // Binding failures become exceptions in every environment, so BadRequestExceptionHandler sees the cause.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    public static WebApplication UseHtmProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }
}
