using HtmCloud.Data;
using HtmCloud.Data.Durability;
using HtmCloud.Grains.Durability;
using HtmCloud.Grains.Models;
using HtmCloud.Grains.Ports;
using Microsoft.EntityFrameworkCore;

namespace HtmCloud.Api.Durability;

/// <summary>The grains' input log over the <c>input_log</c> table: one row per accepted batch.</summary>
public sealed class EfInputLog(IServiceScopeFactory scopes) : IInputLog
{
    public async Task AppendAsync(Guid modelId, long firstSeq, RecordBatch batch, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HtmDbContext>();
        db.InputLog.Add(new InputLogEntry
        {
            ModelId = modelId,
            FirstSeq = firstSeq,
            Count = batch.Count,
            Payload = RecordBatchCodec.Encode(batch),
            IdempotencyKey = idempotencyKey,
            CreatedAt = DateTimeOffset.UtcNow,
        });
        try
        {
            await db.SaveForModelAsync(modelId, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique (model, first seq) refused a second writer: tell the grain, which restarts from the log.
            await using var check = scopes.CreateAsyncScope();
            var fresh = check.ServiceProvider.GetRequiredService<HtmDbContext>();
            if (await fresh.InputLog.AsNoTracking().AnyAsync(e => e.ModelId == modelId && e.FirstSeq == firstSeq, cancellationToken))
                throw new InputLogConflictException(modelId, firstSeq);
            throw;
        }
    }

    public async Task<IReadOnlyList<LoggedBatch>> ReadAfterAsync(Guid modelId, long afterSeq, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HtmDbContext>();
        var rows = await db.InputLog.AsNoTracking()
            .Where(e => e.ModelId == modelId && e.FirstSeq > afterSeq)
            .OrderBy(e => e.FirstSeq)
            .ToListAsync(cancellationToken);
        return rows.Select(e => new LoggedBatch(e.FirstSeq, RecordBatchCodec.Decode(e.Payload), e.IdempotencyKey)).ToArray();
    }

    public async Task TrimThroughAsync(Guid modelId, long throughSeq, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HtmDbContext>();
        await db.InputLog.Where(e => e.ModelId == modelId && e.FirstSeq + e.Count - 1 <= throughSeq).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task DiscardAfterAsync(Guid modelId, long afterSeq, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HtmDbContext>();
        await db.InputLog.Where(e => e.ModelId == modelId && e.FirstSeq > afterSeq).ExecuteDeleteAsync(cancellationToken);
    }
}
