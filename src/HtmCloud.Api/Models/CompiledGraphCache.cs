using System.Collections.Concurrent;
using HtmCloud.Data.Models;
using HtmCloud.Grains.Graphs;

namespace HtmCloud.Api.Models;

/// <summary>Compiled graphs by model id, so a records request does not re-parse the graph JSON (graphs never change).</summary>
public sealed class CompiledGraphCache
{
    private readonly ConcurrentDictionary<Guid, CompiledGraph> _graphs = new();

    public CompiledGraph Get(ModelEntity entity) => _graphs.GetOrAdd(entity.Id, _ => ModelsApi.Compile(entity));

    public void Forget(Guid modelId) => _graphs.TryRemove(modelId, out _);
}
