namespace HtmCloud.Grains.Graphs;

/// <summary>The model was deleted (or never existed) when a grain tried to load it.</summary>
[GenerateSerializer]
public sealed class ModelNotFoundException : Exception
{
    public ModelNotFoundException(Guid modelId) : base($"Model {modelId} does not exist.") => ModelId = modelId;

    [Id(0)] public Guid ModelId { get; init; }
}
