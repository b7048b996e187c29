using HtmCloud.Grains.Durability;
using HtmCloud.Grains.Ports;
using Orleans.Runtime;

namespace HtmCloud.Api.Durability;

/// <summary>Input log and checkpoints for the grains, and when models checkpoint and go idle (section <c>Durability</c>).</summary>
public static class DurabilityHosting
{
    public static WebApplicationBuilder AddHtmDurability(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection("Durability").Get<DurabilityOptions>() ?? new DurabilityOptions());
        builder.Services.AddSingleton<IInputLog, EfInputLog>();
        builder.Services.AddSingleton<ICheckpointStore, EfCheckpointStore>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, CheckpointOnShutdown>();
        return builder;
    }
}
