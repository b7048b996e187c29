using System.Text.Json;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Graphs;
using HtmCloud.Grains.Ports;

namespace HtmCloud.Grains.Graphs;

/// <summary>Reads a model's stored graph and compiles it; a grain's activation starts here.</summary>
public sealed class GraphLoader(IModelDefinitions definitions)
{
    public async Task<CompiledGraph> LoadAsync(Guid modelId, CancellationToken cancellationToken)
    {
        string json = await definitions.GetGraphJsonAsync(modelId, cancellationToken)
            ?? throw new ModelNotFoundException(modelId);
        return CompileStored(modelId, json);
    }

    /// <summary>Compiles a graph as stored in the models table (it was valid when accepted).</summary>
    public static CompiledGraph CompileStored(Guid modelId, string json)
    {
        var document = JsonSerializer.Deserialize<PoolGraphDocument>(json, HtmJson.Options);
        var (graph, errors) = GraphCompiler.Compile(document);
        return graph ?? throw new InvalidOperationException($"Stored graph of model {modelId} is invalid: {string.Join("; ", errors)}");
    }
}
