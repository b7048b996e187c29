using System.Collections.Concurrent;
using System.Security.Claims;
using HtmCloud.Api.Auth;
using HtmCloud.Data;
using HtmCloud.Data.Models;
using HtmCloud.Grains.Graphs;

namespace HtmCloud.Api.Models;

/// <summary>
/// Compiled graphs and their owners by model id, so a records request neither re-parses the graph JSON nor asks the
/// database who owns the model (graphs and owners never change). A model deleted on another node may still be here:
/// its grain then answers ModelNotFoundException, which is a 404 like the database's.
/// </summary>
public sealed class CompiledGraphCache
{
    private readonly ConcurrentDictionary<Guid, (Guid Tenant, CompiledGraph Graph)> _graphs = new();

    public CompiledGraph Get(ModelEntity entity) => _graphs.GetOrAdd(entity.Id, _ => (entity.TenantId, ModelsApi.Compile(entity))).Graph;

    /// <summary>The caller's model's graph, or null when the model is not the caller's (or does not exist).</summary>
    public async Task<CompiledGraph?> GetOwnedAsync(HtmDbContext db, ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        if (_graphs.TryGetValue(id, out var known)) return known.Tenant == user.TenantId() ? known.Graph : null;
        var entity = await ModelsApi.FindAsync(db, user, id, cancellationToken);
        return entity is null ? null : Get(entity);
    }

    public void Forget(Guid modelId) => _graphs.TryRemove(modelId, out _);
}
