using HtmCloud.Contracts;
using HtmCloud.Grains.Graphs;
using HtmCloud.Grains.Ports;

namespace HtmCloud.Api.Models;

/// <summary>Registers what the models and records features and their grains need.</summary>
public static class ModelsHosting
{
    public static WebApplicationBuilder AddHtmModels(this WebApplicationBuilder builder)
    {
        // The API's JSON conventions; unknown properties are refused so a typo in a graph is reported, not ignored.
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            HtmJson.Configure(o.SerializerOptions);
            o.SerializerOptions.UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow;
        });
        builder.Services.AddSingleton(builder.Configuration.GetSection("Models").Get<ModelLimits>() ?? new ModelLimits());
        builder.Services.AddSingleton<IModelDefinitions, EfModelDefinitions>();
        builder.Services.AddSingleton<GraphLoader>();
        builder.Services.AddSingleton<CompiledGraphCache>();
        return builder;
    }
}
