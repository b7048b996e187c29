using System.Net.Http.Headers;
using HtmCloud.Client.Http;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Client.Durability;

/// <summary>Checkpoints, restore, export and import of models.</summary>
public sealed class CheckpointsClient
{
    /// <summary>The media type of an export file.</summary>
    public const string ExportContentType = "application/vnd.htmcloud.model";

    private readonly ApiTransport _transport;

    internal CheckpointsClient(ApiTransport transport) => _transport = transport;

    /// <summary>Checkpoints the model now. Not retried (a repeat would store a second checkpoint).</summary>
    public Task<CheckpointView> CreateAsync(Guid modelId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<CheckpointView>(HttpMethod.Post, $"v1/models/{modelId}/checkpoints", null, retry: false, cancellationToken);

    /// <summary>The model's stored checkpoints.</summary>
    public Task<CheckpointView[]> ListAsync(Guid modelId, CancellationToken cancellationToken = default) =>
        _transport.GetAsync<CheckpointView[]>($"v1/models/{modelId}/checkpoints", cancellationToken);

    /// <summary>
    /// Continues the model from a checkpoint, discarding the records after it and later checkpoints. Safe to
    /// repeat (the state ends the same), so it is retried.
    /// </summary>
    public Task<CheckpointView> RestoreAsync(Guid modelId, Guid checkpointId, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync<CheckpointView>(HttpMethod.Post, $"v1/models/{modelId}/restore", new RestoreRequest(checkpointId, Confirm: true), retry: true, cancellationToken);

    /// <summary>Writes the model (graph and a fresh checkpoint, one file) to <paramref name="destination"/>.</summary>
    public async Task ExportAsync(Guid modelId, Stream destination, CancellationToken cancellationToken = default)
    {
        using var response = await _transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"v1/models/{modelId}/export"), retry: true, buffered: false, cancellationToken).ConfigureAwait(false);
        await response.Content.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Imports an export file as a new model of this tenant that continues exactly where the exported one was.
    /// Not retried (a repeat would make a second model).
    /// </summary>
    public async Task<ModelView> ImportAsync(Stream source, CancellationToken cancellationToken = default)
    {
        var content = new StreamContent(source);
        content.Headers.ContentType = new MediaTypeHeaderValue(ExportContentType);
        using var response = await _transport.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "v1/models/import") { Content = content }, retry: false, buffered: true, cancellationToken).ConfigureAwait(false);
        return await ApiTransport.ReadAsync<ModelView>(response, cancellationToken).ConfigureAwait(false);
    }
}
