using System.Security.Claims;
using System.Text;
using System.Text.Json;
using HtmCloud.Api.Auth;
using HtmCloud.Api.Live;
using HtmCloud.Api.Models;
using HtmCloud.Api.Telemetry;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Models;
using HtmCloud.Data;
using HtmCloud.Grains.Graphs;
using HtmCloud.Grains.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace HtmCloud.Api.Records;

/// <summary>Records in, results out (JSON batches or NDJSON streams), and the model's last state.</summary>
public static class RecordsApi
{
    public const string NdjsonContentType = "application/x-ndjson";

    public static IEndpointRouteBuilder MapRecords(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/v1/models/{id:guid}").WithTags("Records").RequireTenant();
        models.MapPost("/records", PostRecords).WithName("PostRecords")
            .Accepts<RecordBatchRequest>("application/json", NdjsonContentType)
            .Produces<RecordBatchResponse>(StatusCodes.Status200OK, "application/json", NdjsonContentType)
            .ProducesValidationProblem();
        models.MapGet("/state", GetState).WithName("GetModelState");
        models.MapGet("/state.png", GetStatePng).WithName("GetModelStatePng").Produces(StatusCodes.Status200OK, contentType: "image/png");
        return app;
    }

    public static async Task<IResult> PostRecords(
        Guid id, HttpContext http, ClaimsPrincipal user, HtmDbContext db, IGrainFactory grains, CompiledGraphCache graphs,
        ModelLimits limits, HtmMetrics metrics, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken cancellationToken)
    {
        var graph = await graphs.GetOwnedAsync(db, user, id, cancellationToken);
        if (graph is null) return TypedResults.NotFound();
        var grain = grains.GetGrain<IModelGrain>(id);
        if (http.Request.ContentType?.StartsWith(NdjsonContentType, StringComparison.OrdinalIgnoreCase) == true)
            return await RecordStream.RunAsync(http, graph, grain, limits, metrics, cancellationToken);

        RecordBatchRequest? request;
        try
        {
            request = await http.Request.ReadFromJsonAsync<RecordBatchRequest>(HtmJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            return Invalid(e.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body", $"is not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, detail: $"Send application/json or {NdjsonContentType}.");
        }
        if (request?.Records is null || request.Records.Count == 0) return Invalid("records", "must hold at least one record");
        if (request.Records.Count > limits.MaxRecordsPerBatch) return Invalid("records", $"must hold at most {limits.MaxRecordsPerBatch} records per request (stream NDJSON for more)");
        if (idempotencyKey is { Length: > 200 }) return Invalid("Idempotency-Key", "must be at most 200 characters");

        var (batch, parseError) = RecordParser.Parse(graph, request.Records);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // With a bad record, the good ones before it are still processed; the key covers only complete batches.
        var outcome = batch.Count > 0
            ? await grain.ProcessAsync(batch, parseError is null ? idempotencyKey : null)
            : new BatchOutcome([], null);
        metrics.RecordsProcessed.Add(outcome.Results.Length);
        metrics.RecordBatchDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        var results = outcome.Results.Select(r => ResultMapper.ToResult(r, graph)).ToArray();
        http.RequestServices.GetRequiredService<ILiveResults>().Publish(id, results, request.Records);
        // Webhooks (issue 6): the batch's deliveries are written (one insert) before the response; Hangfire sends them later.
        await http.RequestServices.GetRequiredService<Webhooks.WebhookDispatcher>().EnqueueAsync(user.TenantId(), id, results);
        var error = parseError ?? outcome.Error;
        if (error is null) return TypedResults.Ok(new RecordBatchResponse(results));
        return RecordProblem(error, results);
    }

    public static async Task<Results<Ok<ModelStateView>, NotFound>> GetState(
        Guid id, ClaimsPrincipal user, HtmDbContext db, IGrainFactory grains, CompiledGraphCache graphs, CancellationToken cancellationToken)
    {
        var entity = await ModelsApi.FindAsync(db, user, id, cancellationToken);
        if (entity is null) return TypedResults.NotFound();
        var status = await grains.GetGrain<IModelGrain>(id).GetStatusAsync();
        var last = status.Last is null ? null : ResultMapper.ToResult(status.Last, graphs.Get(entity), allSdrs: true);
        return TypedResults.Ok(new ModelStateView(status.RecordsProcessed, last));
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> GetStatePng(
        Guid id, ClaimsPrincipal user, HtmDbContext db, IGrainFactory grains, CompiledGraphCache graphs, CancellationToken cancellationToken)
    {
        var entity = await ModelsApi.FindAsync(db, user, id, cancellationToken);
        if (entity is null) return TypedResults.NotFound();
        var status = await grains.GetGrain<IModelGrain>(id).GetStatusAsync();
        return TypedResults.File(StatePicture.Draw(graphs.Get(entity), status.Last), "image/png");
    }

    internal static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>A bad record: 400 naming records[i].field, with the results of the records before it.</summary>
    internal static IResult RecordProblem(RecordError error, RecordResult[] accepted)
    {
        string field = error.Field.Length == 0 ? $"records[{error.Index}]" : $"records[{error.Index}].{error.Field}";
        return TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [field] = [error.Message] },
            detail: $"Record {error.Index} was refused; the {accepted.Length} record(s) before it were processed and their results are included.",
            extensions: new Dictionary<string, object?> { ["accepted"] = accepted.Length, ["results"] = accepted });
    }
}
