using Microsoft.Net.Http.Headers;

namespace HtmCloud.Api.Hosting;

public static class DashboardHosting
{
    // The page talks only to this origin; no inline script, no framing (it holds an API key).
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>
    /// The dashboard (web/, built by Vite into wwwroot/ when the project builds) at <c>/</c>: index.html revalidated on
    /// every load, hashed assets cached for a year. Without a built dashboard the API runs as before.
    /// </summary>
    public static WebApplication UseHtmDashboard(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                bool hashed = context.Context.Request.Path.StartsWithSegments("/assets");
                headers[HeaderNames.CacheControl] = hashed ? "public, max-age=31536000, immutable" : "no-cache";
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
            },
        });
        return app;
    }
}
