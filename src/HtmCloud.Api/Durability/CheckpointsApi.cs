using System.Security.Claims;
using System.Text.Json;
using HtmCloud.Api.Auth;
using HtmCloud.Api.Models;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Graphs;
using HtmCloud.Contracts.Models;
using HtmCloud.Data;
using HtmCloud.Data.Models;
using HtmCloud.Grains.Durability;
using HtmCloud.Grains.Graphs;
using HtmCloud.Grains.Models;
using HtmCloud.Grains.Ports;
using HtmCloud.Htm.Snapshots;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HtmCloud.Api.Durability;

/// <summary>Checkpoints on demand, their list, restore, export and import.</summary>
public static class CheckpointsApi
{
    public static IEndpointRouteBuilder MapCheckpoints(this IEndpointRouteBuilder app)
    {
        var model = app.MapGroup("/v1/models").WithTags("Checkpoints").RequireTenant();
        model.MapPost("/{id:guid}/checkpoints", CreateCheckpoint).WithName("CreateCheckpoint");
        model.MapGet("/{id:guid}/checkpoints", ListCheckpoints).WithName("ListCheckpoints");
        model.MapPost("/{id:guid}/restore", Restore).WithName("RestoreModel");
        model.MapGet("/{id:guid}/export", Export).WithName("ExportModel").Produces(StatusCodes.Status200OK, contentType: ModelExport.ContentType);
        // Exports of large models exceed the general body limit; the file is checksummed and parsed before use.
        model.MapPost("/import", Import).WithName("ImportModel").Accepts<byte[]>(ModelExport.ContentType)
            .WithMetadata(new RequestSizeLimitAttribute(512L * 1024 * 1024));
        return app;
    }

    public static async Task<Results<Created<CheckpointView>, NotFound>> CreateCheckpoint(
        Guid id, ClaimsPrincipal user, HtmDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await ModelsApi.FindAsync(db, user, id, cancellationToken) is null) return TypedResults.NotFound();
        var info = await grains.GetGrain<IModelGrain>(id).CheckpointAsync();
        return TypedResults.Created($"/v1/models/{id}/checkpoints", View(info));
    }

    public static async Task<Results<Ok<CheckpointView[]>, NotFound>> ListCheckpoints(
        Guid id, ClaimsPrincipal user, HtmDbContext db, ICheckpointStore store, CancellationToken cancellationToken)
    {
        if (await ModelsApi.FindAsync(db, user, id, cancellationToken) is null) return TypedResults.NotFound();
        return TypedResults.Ok((await store.ListAsync(id, cancellationToken)).Select(View).ToArray());
    }

    public static async Task<Results<Ok<CheckpointView>, NotFound, ValidationProblem>> Restore(
        Guid id, RestoreRequest request, ClaimsPrincipal user, HtmDbContext db, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (await ModelsApi.FindAsync(db, user, id, cancellationToken) is null) return TypedResults.NotFound();
        if (!request.Confirm)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["confirm"] = ["must be true: the records after the checkpoint and later checkpoints are discarded"] });
        var info = await grains.GetGrain<IModelGrain>(id).RestoreAsync(request.CheckpointId);
        if (info is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["checkpointId"] = ["names no checkpoint of this model"] });
        return TypedResults.Ok(View(info));
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> Export(
        Guid id, ClaimsPrincipal user, HtmDbContext db, IGrainFactory grains, ICheckpointStore store, CancellationToken cancellationToken)
    {
        var entity = await ModelsApi.FindAsync(db, user, id, cancellationToken);
        if (entity is null) return TypedResults.NotFound();
        var info = await grains.GetGrain<IModelGrain>(id).CheckpointAsync();
        var data = await store.LoadAsync(id, info.Id, cancellationToken) ?? throw new InvalidOperationException("The checkpoint just written is gone.");
        var file = new ModelExport(entity.Name, entity.GraphJson, info.Seq, data).Encode();
        return TypedResults.File(file, ModelExport.ContentType, $"{entity.Name}-{info.Seq}.htmmodel");
    }

    public static async Task<Results<Created<ModelView>, ValidationProblem>> Import(
        HttpRequest request, ClaimsPrincipal user, HtmDbContext db, ICheckpointStore store, ModelLimits limits, CancellationToken cancellationToken)
    {
        ModelExport export;
        PoolGraphDocument? document;
        var body = new MemoryStream();
        await request.Body.CopyToAsync(body, cancellationToken);
        body.Position = 0;
        try
        {
            export = ModelExport.Decode(body);
            document = JsonSerializer.Deserialize<PoolGraphDocument>(export.GraphJson, HtmJson.Options);
        }
        catch (Exception e) when (e is SnapshotFormatException or JsonException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"is not an HtmCloud model export: {e.Message}"] });
        }
        var (graph, errors) = GraphCompiler.Compile(document);
        if (graph is null)
            return TypedResults.ValidationProblem(errors.GroupBy(e => "graph." + e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        try
        {
            ModelCheckpoint.Decode(export.Checkpoint, graph.Plan.PoolCount);
        }
        catch (SnapshotFormatException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"holds an unreadable checkpoint: {e.Message}"] });
        }
        Guid tenant = user.TenantId();
        if (await db.Models.CountAsync(m => m.TenantId == tenant, cancellationToken) >= limits.MaxModelsPerTenant)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"this tenant already has {limits.MaxModelsPerTenant} models, the most allowed"] });
        var entity = new ModelEntity { Id = Guid.NewGuid(), TenantId = tenant, Name = export.Name, GraphJson = export.GraphJson, CreatedAt = DateTimeOffset.UtcNow, Status = "active" };
        db.Models.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        await store.SaveAsync(entity.Id, export.Seq, ModelCheckpoint.FormatVersion, export.Checkpoint, cancellationToken);
        return TypedResults.Created($"/v1/models/{entity.Id}", new ModelView(entity.Id, entity.Name, entity.CreatedAt, document!));
    }

    private static CheckpointView View(CheckpointInfo info) => new(info.Id, info.Seq, info.Size, info.CreatedAt);
}
