using System.Security.Claims;
using HtmCloud.Api.Auth;
using HtmCloud.Contracts.Tenants;
using HtmCloud.Data;
using HtmCloud.Data.Keys;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace HtmCloud.Api.Keys;

public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeys(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/v1/keys").WithTags("Keys").RequireTenant();

        keys.MapGet("", ListKeys).WithName("ListKeys").WithSummary("The tenant's keys, revoked ones included; prefixes only.");
        keys.MapPost("", CreateKey).WithName("CreateKey").WithSummary("A new key; its secret is shown this once.");
        keys.MapGet("{id:guid}", GetKey).WithName("GetKey");
        keys.MapDelete("{id:guid}", RevokeKey).WithName("RevokeKey").WithSummary("Revoke a key; it fails from the next request on.");
        return app;
    }

    public static async Task<Ok<ApiKeyView[]>> ListKeys(ClaimsPrincipal user, HtmDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.TenantId == tenantId)
            .OrderBy(k => k.CreatedAt).ThenBy(k => k.Id)
            .ToArrayAsync(cancellationToken);
        return TypedResults.Ok(keys.Select(View).ToArray());
    }

    public static async Task<Created<CreatedApiKey>> CreateKey(
        ClaimsPrincipal user, HtmDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var token = ApiKeyToken.New();
        var key = token.ToEntity(user.TenantId(), now);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/v1/keys/{key.Id}", new CreatedApiKey(key.Id, token.Prefix, token.Value, key.CreatedAt));
    }

    public static async Task<Results<Ok<ApiKeyView>, NotFound>> GetKey(
        Guid id, ClaimsPrincipal user, HtmDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id && k.TenantId == tenantId, cancellationToken);
        return key is null ? TypedResults.NotFound() : TypedResults.Ok(View(key));
    }

    /// <summary>Idempotent: revoking a revoked key keeps its first revocation time.</summary>
    public static async Task<Results<NoContent, NotFound>> RevokeKey(
        Guid id, ClaimsPrincipal user, HtmDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        // Another tenant's key is indistinguishable from a missing one.
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.TenantId == tenantId, cancellationToken);
        if (key is null)
        {
            return TypedResults.NotFound();
        }

        if (key.RevokedAt is null)
        {
            key.RevokedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static ApiKeyView View(ApiKey key) =>
        new(key.Id, ApiKeyToken.PrefixOf(key.KeyId), key.CreatedAt, key.RevokedAt);
}
