using HtmCloud.Grains.Models;
using Orleans.Runtime;

namespace HtmCloud.Api.Durability;

/// <summary>
/// On a graceful stop, every model active on this silo checkpoints and deactivates while its pool grains are still
/// there. Left to the silo's own shutdown, models and pools deactivate together and a model's last checkpoint can
/// find its pools gone (nothing is lost then, but the next start replays the log since the previous checkpoint).
/// </summary>
internal sealed class CheckpointOnShutdown(IGrainFactory grains, ILocalSiloDetails silo, ILogger<CheckpointOnShutdown> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private const int InParallel = 4;

    public void Participate(ISiloLifecycle lifecycle) =>
        // Stages stop in reverse order: one past Active stops before the silo starts deactivating activations.
        lifecycle.Subscribe(nameof(CheckpointOnShutdown), ServiceLifecycleStage.Active + 1, _ => Task.CompletedTask, StopAsync);

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(hostsIds: [silo.SiloAddress]);
        // Statistics name a grain class as "Namespace.Class,Assembly".
        var models = statistics.Where(s => s.GrainType.StartsWith(typeof(ModelGrain).FullName + ",", StringComparison.Ordinal))
            .Select(s => s.GrainId.GetGuidKey()).Distinct().ToArray();
        if (models.Length == 0) return;
        logger.LogInformation("Checkpointing {Count} active model(s) before the silo stops", models.Length);
        await Parallel.ForEachAsync(models, new ParallelOptions { MaxDegreeOfParallelism = InParallel, CancellationToken = cancellationToken }, async (model, _) =>
        {
            try
            {
                await grains.GetGrain<IModelGrain>(model).DeactivateAsync(checkpoint: true);
            }
            catch (Exception e)
            {
                // The input log still holds every record; the next activation replays what this missed.
                logger.LogWarning(e, "Checkpoint of model {ModelId} on shutdown failed", model);
            }
        });
    }
}
