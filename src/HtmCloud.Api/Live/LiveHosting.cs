using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HtmCloud.Api.Live;

public static class LiveHosting
{
    /// <summary>Live record streams: settings and the in-process fan-out, unless another <see cref="ILiveResults"/> was registered first.</summary>
    public static WebApplicationBuilder AddHtmLive(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<LiveSettings>(builder.Configuration.GetSection(LiveSettings.Section));
        builder.Services.TryAddSingleton<ILiveResults, InProcessLiveResults>();
        builder.Services.AddSingleton<LiveStreamLimits>();
        return builder;
    }
}
