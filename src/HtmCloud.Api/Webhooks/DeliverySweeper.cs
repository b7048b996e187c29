using Hangfire;
using HtmCloud.Data;
using HtmCloud.Data.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HtmCloud.Api.Webhooks;

/// <summary>
/// Finds pending deliveries that no job will pick up and enqueues them again. At start with in-memory job storage
/// (the embedded default) that is every pending delivery, since the jobs died with the last process; with
/// PostgreSQL job storage, and every minute in both modes, it is those long past due (a crash between the
/// insert and the enqueue). Jobs are safe to run twice, so a delivery enqueued twice is still sent once.
/// </summary>
public sealed class DeliverySweeper(
    IServiceScopeFactory scopes,
    IBackgroundJobClient jobs,
    IRecurringJobManager recurring,
    WebhookJobStorage storage,
    IOptions<WebhookSettings> options,
    TimeProvider clock,
    ILogger<DeliverySweeper> logger) : IHostedService
{
    public const string RecurringJobId = "webhook-orphan-sweep";
    public const string RetentionJobId = "webhook-retention";
    private const int OrphansPerSweep = 1000;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<DeliverySweeper>(RecurringJobId, sweeper => sweeper.SweepOrphansAsync(), Cron.Minutely());
        recurring.AddOrUpdate<DeliverySweeper>(RetentionJobId, sweeper => sweeper.DeleteOldAsync(), Cron.Daily());
        int count = storage.IsDurable ? await SweepOrphansAsync() : await SweepAllAsync(cancellationToken);
        if (count > 0)
        {
            logger.LogInformation("Re-enqueued {Count} pending webhook deliveries at start", count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The recurring job: pending deliveries past due by more than <see cref="WebhookSettings.OrphanAfterSeconds"/>.</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<int> SweepOrphansAsync()
    {
        var now = clock.GetUtcNow();
        var overdue = now - TimeSpan.FromSeconds(options.Value.OrphanAfterSeconds);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HtmDbContext>();
        var ids = await db.Set<WebhookDelivery>().AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt < overdue && (d.LeaseUntil == null || d.LeaseUntil < now))
            .OrderBy(d => d.NextAttemptAt)
            .Select(d => d.Id)
            .Take(OrphansPerSweep)
            .ToListAsync();
        foreach (var id in ids)
        {
            DeliveryQueue.Enqueue(jobs, id);
        }

        return ids.Count;
    }

    /// <summary>The daily job: finished deliveries past <see cref="WebhookSettings.RetentionDays"/> go, attempts with them (cascade).</summary>
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task<int> DeleteOldAsync()
    {
        var before = clock.GetUtcNow() - TimeSpan.FromDays(Math.Max(1, options.Value.RetentionDays));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HtmDbContext>();
        return await db.Set<WebhookDelivery>()
            .Where(d => d.Status != WebhookDeliveryStatus.Pending && d.CreatedAt < before)
            .ExecuteDeleteAsync();
    }

    // In-memory job storage: this process is the only one, so leases left in the table belong to a dead process.
    private async Task<int> SweepAllAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HtmDbContext>();
        var pending = db.Set<WebhookDelivery>().Where(d => d.Status == WebhookDeliveryStatus.Pending && d.CreatedAt < now);
        await pending.Where(d => d.LeaseUntil != null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
        // Ids only: even a long backlog is a few megabytes, and paging would skip rows that finish meanwhile.
        var all = await pending.AsNoTracking().Select(d => new { d.Id, d.NextAttemptAt }).ToListAsync(cancellationToken);
        foreach (var delivery in all)
        {
            DeliveryQueue.Schedule(jobs, delivery.Id, delivery.NextAttemptAt - now);
        }

        return all.Count;
    }
}
