using System.Security.Claims;
using System.Text.Json;
using HtmCloud.Api.Auth;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Models;
using HtmCloud.Data;
using HtmCloud.Data.Models;
using HtmCloud.Grains.Graphs;
using HtmCloud.Grains.Models;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HtmCloud.Api.Models;

/// <summary>Models: create from a graph or template, list, get, delete, templates.</summary>
public static class ModelsApi
{
    public static IEndpointRouteBuilder MapModels(this IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/v1/models").WithTags("Models").RequireTenant();
        models.MapPost("/", CreateModel).WithName("CreateModel");
        models.MapGet("/", ListModels).WithName("ListModels");
        models.MapGet("/{id:guid}", GetModel).WithName("GetModel");
        models.MapDelete("/{id:guid}", DeleteModel).WithName("DeleteModel");
        app.MapGroup("/v1/templates").WithTags("Models").RequireTenant().MapGet("/", ListTemplates).WithName("ListTemplates");
        return app;
    }

    public static async Task<Results<Created<ModelView>, ValidationProblem>> CreateModel(
        CreateModelRequest request, ClaimsPrincipal user, HtmDbContext db, ModelLimits limits, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) errors["name"] = ["must be 1..200 characters"];
        // PostgreSQL text cannot hold NUL (a 500 there, stored as is on SQLite): no control characters on any storage.
        else if (request.Name.Any(char.IsControl)) errors["name"] = ["must not contain control characters"];
        if ((request.Template is null) == (request.Graph is null)) errors["template"] = ["give exactly one of template and graph"];
        var document = request.Graph;
        if (request.Template is not null)
        {
            document = ModelTemplates.Expand(request.Template, request.TemplateOptions);
            if (document is null) errors["template"] = [$"must be one of {string.Join(", ", ModelTemplates.Names)}"];
        }
        CompiledGraph? graph = null;
        if (document is not null)
        {
            var (compiled, graphErrors) = GraphCompiler.Compile(document);
            graph = compiled;
            foreach (var group in graphErrors.GroupBy(e => e.Field))
            {
                if (request.Template is null) errors["graph." + group.Key] = group.Select(e => e.Message).ToArray();
                else errors["templateOptions"] = [.. errors.GetValueOrDefault("templateOptions") ?? [], .. group.Select(e => $"give an invalid {group.Key}: {e.Message}")];
            }
        }
        Guid tenant = user.TenantId();
        if (errors.Count == 0 && await db.Models.CountAsync(m => m.TenantId == tenant, cancellationToken) >= limits.MaxModelsPerTenant)
            errors["name"] = [$"this tenant already has {limits.MaxModelsPerTenant} models, the most allowed"];
        if (errors.Count > 0 || graph is null) return TypedResults.ValidationProblem(errors);

        var entity = new ModelEntity
        {
            Id = Guid.NewGuid(),
            TenantId = tenant,
            Name = request.Name,
            GraphJson = JsonSerializer.Serialize(graph.Document, HtmJson.Options),
            CreatedAt = DateTimeOffset.UtcNow,
            Status = "active",
        };
        db.Models.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/v1/models/{entity.Id}", View(entity));
    }

    public static async Task<Ok<ModelSummary[]>> ListModels(ClaimsPrincipal user, HtmDbContext db, CancellationToken cancellationToken)
    {
        Guid tenant = user.TenantId();
        var rows = await db.Models.AsNoTracking().Where(m => m.TenantId == tenant).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.OrderBy(m => m.CreatedAt).Select(m => new ModelSummary(m.Id, m.Name, m.CreatedAt)).ToArray());
    }

    public static async Task<Results<Ok<ModelView>, NotFound>> GetModel(Guid id, ClaimsPrincipal user, HtmDbContext db, CancellationToken cancellationToken)
    {
        var entity = await FindAsync(db, user, id, cancellationToken);
        return entity is null ? TypedResults.NotFound() : TypedResults.Ok(View(entity));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteModel(
        Guid id, ClaimsPrincipal user, HtmDbContext db, IGrainFactory grains, CompiledGraphCache graphs, CancellationToken cancellationToken)
    {
        var entity = await FindAsync(db, user, id, cancellationToken);
        if (entity is null) return TypedResults.NotFound();
        db.Models.Remove(entity);
        await db.SaveChangesAsync(cancellationToken);
        await grains.GetGrain<IModelGrain>(id).DeleteAsync();
        graphs.Forget(id);
        return TypedResults.NoContent();
    }

    public static Ok<IReadOnlyList<string>> ListTemplates() => TypedResults.Ok(ModelTemplates.Names);

    /// <summary>The caller's model with this id, or null: another tenant's model is indistinguishable from none.</summary>
    internal static Task<ModelEntity?> FindAsync(HtmDbContext db, ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        Guid tenant = user.TenantId();
        return db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.TenantId == tenant, cancellationToken);
    }

    internal static CompiledGraph Compile(ModelEntity entity) => GraphLoader.CompileStored(entity.Id, entity.GraphJson);

    private static ModelView View(ModelEntity entity) =>
        new(entity.Id, entity.Name, entity.CreatedAt, JsonSerializer.Deserialize<Contracts.Graphs.PoolGraphDocument>(entity.GraphJson, HtmJson.Options)!);
}
