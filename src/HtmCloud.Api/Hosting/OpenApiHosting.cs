using HtmCloud.Api.OpenApi;
using Microsoft.OpenApi;

namespace HtmCloud.Api.Hosting;

public static class OpenApiHosting
{
    public static IHostApplicationBuilder AddHtmOpenApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "HtmCloud API",
                Version = "v1",
                Description = "HTM as a service: sign up, manage API keys, submit pool graphs, stream records.",
            });
            swagger.AddSecurityDefinition(ApiKeySecurityFilter.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "htm_<id>_<secret>",
                Description = "An API key from POST /v1/signup or POST /v1/keys.",
            });
            swagger.OperationFilter<ApiKeySecurityFilter>();
            swagger.OperationFilter<RequestExamplesFilter>();
        });
        return builder;
    }

    /// <summary>The document at /swagger/v1/swagger.json and the UI at /swagger.</summary>
    public static WebApplication MapHtmOpenApi(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(ui => ui.DocumentTitle = "HtmCloud API");
        return app;
    }
}
