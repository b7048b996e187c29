using HtmCloud.Client.Http;
using HtmCloud.Contracts.Graphs;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Client.Models;

/// <summary>Models (<c>/v1/models</c>) and templates (<c>/v1/templates</c>).</summary>
public sealed class ModelsClient
{
    private readonly ApiTransport _transport;

    internal ModelsClient(ApiTransport transport) => _transport = transport;

    /// <summary>
    /// Creates a model from a template or a pool graph (exactly one of them). Invalid graphs throw a 400 whose
    /// errors are keyed by JSON path. Never retried (a repeat would make a second model).
    /// </summary>
    public Task<ModelView> CreateAsync(CreateModelRequest request, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<ModelView>(HttpMethod.Post, "v1/models", request, retry: false, cancellationToken);

    /// <summary>Creates a model from a template, e.g. <c>scalar-anomaly</c> (see <see cref="ListTemplatesAsync"/>).</summary>
    public Task<ModelView> CreateFromTemplateAsync(string name, string template, TemplateOptions? options = null, CancellationToken cancellationToken = default) =>
        CreateAsync(new CreateModelRequest { Name = name, Template = template, TemplateOptions = options }, cancellationToken);

    /// <summary>Creates a model from a pool graph of your own.</summary>
    public Task<ModelView> CreateFromGraphAsync(string name, PoolGraphDocument graph, CancellationToken cancellationToken = default) =>
        CreateAsync(new CreateModelRequest { Name = name, Graph = graph }, cancellationToken);

    /// <summary>The tenant's models, oldest first.</summary>
    public Task<ModelSummary[]> ListAsync(CancellationToken cancellationToken = default) =>
        _transport.GetAsync<ModelSummary[]>("v1/models", cancellationToken);

    /// <summary>One model with its full graph; 404 when it is not the tenant's.</summary>
    public Task<ModelView> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        _transport.GetAsync<ModelView>($"v1/models/{id}", cancellationToken);

    /// <summary>Deletes a model and its state.</summary>
    public Task DeleteAsync(Guid id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(HttpMethod.Delete, $"v1/models/{id}", null, retry: true, cancellationToken);

    /// <summary>The template names <see cref="CreateFromTemplateAsync"/> accepts.</summary>
    public Task<string[]> ListTemplatesAsync(CancellationToken cancellationToken = default) =>
        _transport.GetAsync<string[]>("v1/templates", cancellationToken);
}
