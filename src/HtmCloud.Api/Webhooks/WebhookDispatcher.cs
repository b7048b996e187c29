using HtmCloud.Api.Models;
using HtmCloud.Contracts.Models;
using HtmCloud.Data;
using HtmCloud.Data.Webhooks;
using HtmCloud.Grains.Graphs;
using HtmCloud.Grains.Models;
using Microsoft.EntityFrameworkCore;

namespace HtmCloud.Api.Webhooks;

/// <summary>
/// The ingest path's only webhook step: a processed batch becomes delivery rows (one insert for the batch), and
/// their ids go to <see cref="DeliveryQueue"/>, which enqueues the Hangfire jobs off the request. Nothing here
/// waits for a receiver.
/// </summary>
public sealed class WebhookDispatcher(IServiceScopeFactory scopes, DeliveryQueue queue, TimeProvider clock)
{
    /// <summary>
    /// Writes the deliveries the batch's results owe the tenant's matching endpoints. Not cancellable on purpose:
    /// once results exist their deliveries are owed, even if the client has gone.
    /// </summary>
    public Task EnqueueAsync(Guid tenantId, Guid modelId, IReadOnlyList<RecordResult> results) =>
        EnqueueAsync(tenantId, modelId, results.Count, () => results);

    /// <summary>As above, from grain outcomes: they are shaped into API results only if an endpoint wants them.</summary>
    public Task EnqueueAsync(Guid tenantId, Guid modelId, IReadOnlyList<RecordOutcome> outcomes, CompiledGraph graph) =>
        EnqueueAsync(tenantId, modelId, outcomes.Count, () => outcomes.Select(o => ResultMapper.ToResult(o, graph)).ToArray());

    private async Task EnqueueAsync(Guid tenantId, Guid modelId, int count, Func<IReadOnlyList<RecordResult>> results)
    {
        if (count == 0) return;
        // A scope of its own: the request's DbContext may be tracking changes that are not ours to save.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HtmDbContext>();
        var endpoints = await db.Set<WebhookEndpoint>().AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.Enabled && (e.ModelId == null || e.ModelId == modelId))
            .ToListAsync();
        if (endpoints.Count == 0) return;

        var payloads = new WebhookPayloads(tenantId, modelId, results(), clock.GetUtcNow());
        var rows = endpoints.SelectMany(payloads.For).DistinctBy(d => d.Id).ToList();
        if (rows.Count == 0) return;
        db.AddRange(rows);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // A replayed batch (same idempotency key, or a log replay) hashes to ids that exist: insert only the new ones.
            db.ChangeTracker.Clear();
            var ids = rows.Select(r => r.Id).ToList();
            var existing = (await db.Set<WebhookDelivery>().Where(d => ids.Contains(d.Id)).Select(d => d.Id).ToListAsync()).ToHashSet();
            rows = rows.Where(r => !existing.Contains(r.Id)).ToList();
            if (rows.Count == 0) return;
            db.AddRange(rows);
            await db.SaveChangesAsync();
        }

        queue.Add(rows.Select(r => r.Id));
    }
}
