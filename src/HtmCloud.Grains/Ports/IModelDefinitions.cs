namespace HtmCloud.Grains.Ports;

/// <summary>Where grains read a model's graph from (the host implements it over the database).</summary>
public interface IModelDefinitions
{
    /// <summary>The stored graph JSON of a model, or null when the model does not exist (any more).</summary>
    Task<string?> GetGraphJsonAsync(Guid modelId, CancellationToken cancellationToken = default);
}
