using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HtmCloud.Client.Tests.Hosting;

/// <summary>The real Program, with settings layered on top through UseSetting (so Program sees them while it registers services).</summary>
internal sealed class KestrelApiFactory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }
}
