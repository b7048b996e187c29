using HtmCloud.Data;
using HtmCloud.Data.Durability;
using HtmCloud.Grains.Durability;
using HtmCloud.Grains.Ports;
using Microsoft.EntityFrameworkCore;

namespace HtmCloud.Api.Durability;

/// <summary>The grains' checkpoint store over the <c>checkpoints</c> table.</summary>
public sealed class EfCheckpointStore(IServiceScopeFactory scopes) : ICheckpointStore
{
    public async Task<CheckpointInfo> SaveAsync(Guid modelId, long seq, int formatVersion, byte[] data, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HtmDbContext>();
        var entity = new CheckpointEntity
        {
            Id = Guid.NewGuid(), ModelId = modelId, Seq = seq, FormatVersion = formatVersion,
            Size = data.Length, Data = data, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Checkpoints.Add(entity);
        await db.SaveForModelAsync(modelId, cancellationToken);
        return new CheckpointInfo(entity.Id, entity.Seq, entity.Size, entity.CreatedAt);
    }

    public async Task<IReadOnlyList<CheckpointInfo>> ListAsync(Guid modelId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HtmDbContext>();
        var rows = await db.Checkpoints.AsNoTracking().Where(c => c.ModelId == modelId)
            .Select(c => new { c.Id, c.Seq, c.Size, c.CreatedAt }).ToListAsync(cancellationToken);
        return rows.OrderByDescending(c => c.Seq).ThenByDescending(c => c.CreatedAt)
            .Select(c => new CheckpointInfo(c.Id, c.Seq, c.Size, c.CreatedAt)).ToArray();
    }

    public async Task<byte[]?> LoadAsync(Guid modelId, Guid checkpointId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HtmDbContext>();
        return await db.Checkpoints.AsNoTracking().Where(c => c.Id == checkpointId && c.ModelId == modelId)
            .Select(c => c.Data).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task DeleteAsync(Guid modelId, IReadOnlyCollection<Guid> checkpointIds, CancellationToken cancellationToken = default)
    {
        if (checkpointIds.Count == 0) return;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HtmDbContext>();
        await db.Checkpoints.Where(c => c.ModelId == modelId && checkpointIds.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
