using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace HtmCloud.Api.Hosting;

public static class HttpsHosting
{
    /// <summary>
    /// Behind a TLS-terminating proxy (<c>ForwardedHeaders:Enabled</c>): take the client address and scheme
    /// from X-Forwarded-For/-Proto, from the proxies in <c>ForwardedHeaders:KnownProxies</c> or, if none are listed, from any.
    /// </summary>
    public static WebApplication UseHtmForwardedHeaders(this WebApplication app)
    {
        if (!app.Configuration.GetValue("ForwardedHeaders:Enabled", false))
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            ForwardLimit = app.Configuration.GetValue<int?>("ForwardedHeaders:ForwardLimit", 1),
        };
        var proxies = app.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        if (proxies.Length == 0)
        {
            // Only safe when the proxy is the sole way in; list KnownProxies otherwise.
            options.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.Any, 0));
            options.KnownIPNetworks.Add(new System.Net.IPNetwork(IPAddress.IPv6Any, 0));
        }

        app.UseForwardedHeaders(options);
        return app;
    }

    /// <summary>HSTS and http→https redirects, only where this host serves HTTPS itself and outside Development.</summary>
    public static WebApplication UseHtmHttps(this WebApplication app)
    {
        if (app.Configuration.HttpsConfigured() && !app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        return app;
    }
}
