using System.Security.Claims;
using System.Text.Json;
using Hangfire;
using HtmCloud.Api.Auth;
using HtmCloud.Contracts.Webhooks;
using HtmCloud.Data;
using HtmCloud.Data.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HtmCloud.Api.Webhooks;

/// <summary>Webhook endpoints (register, list, update, enable/disable, delete, rotate the secret), their deliveries, and the operators' Hangfire dashboard.</summary>
public static class WebhooksApi
{
    public const string DashboardPath = "/hangfire";
    private const int DefaultPage = 100;
    private const int MaxPage = 500;
    private static readonly TimeSpan MaxGracePeriod = TimeSpan.FromDays(7);

    public static WebApplication MapWebhooks(this WebApplication app)
    {
        var webhooks = app.MapGroup("/v1/webhooks").WithTags("Webhooks").RequireTenant();
        webhooks.MapPost("", CreateWebhook).WithName("CreateWebhook").WithSummary("Register an endpoint; its signing secret is shown this once.");
        webhooks.MapGet("", ListWebhooks).WithName("ListWebhooks");
        webhooks.MapGet("{id:guid}", GetWebhook).WithName("GetWebhook");
        webhooks.MapPut("{id:guid}", UpdateWebhook).WithName("UpdateWebhook").WithSummary("Replace the endpoint's URL, events and filters; the secret stays.");
        webhooks.MapDelete("{id:guid}", DeleteWebhook).WithName("DeleteWebhook").WithSummary("Delete the endpoint and its deliveries.");
        webhooks.MapPost("{id:guid}/disable", DisableWebhook).WithName("DisableWebhook");
        webhooks.MapPost("{id:guid}/enable", EnableWebhook).WithName("EnableWebhook");
        webhooks.MapPost("{id:guid}/rotate-secret", RotateSecret).WithName("RotateWebhookSecret")
            .WithSummary("A new secret, shown this once; the old one keeps signing during the grace period.");
        webhooks.MapGet("{id:guid}/deliveries", ListDeliveries).WithName("ListWebhookDeliveries").WithSummary("Newest first; filter with ?status=pending|succeeded|failed.");

        var deliveries = app.MapGroup("/v1/deliveries").WithTags("Webhooks").RequireTenant();
        deliveries.MapGet("{id:guid}", GetDelivery).WithName("GetWebhookDelivery").WithSummary("A delivery with every attempt and its body.");
        deliveries.MapPost("{id:guid}/redeliver", Redeliver).WithName("RedeliverWebhook")
            .WithSummary("Send the delivery again, same webhook-id, with a fresh retry schedule.");

        var settings = app.Services.GetRequiredService<IOptions<HangfireSettings>>().Value;
        if (!string.IsNullOrEmpty(settings.AdminKey))
        {
            var dashboard = new DashboardOptions
            {
                Authorization = [],
                AsyncAuthorization = [new AdminKeyDashboardFilter(settings.AdminKey)],
                DashboardTitle = "HtmCloud jobs",
                DisplayStorageConnectionString = false,
            };
            app.MapHangfireDashboard(DashboardPath, dashboard, app.Services.GetRequiredService<JobStorage>()).ExcludeFromDescription();
        }

        return app;
    }

    public static async Task<Results<Created<CreatedWebhook>, ValidationProblem>> CreateWebhook(
        WebhookRequest request, ClaimsPrincipal user, HtmDbContext db, IOptions<WebhookSettings> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var settings = options.Value;
        var errors = await ValidateAsync(request, tenantId, db, settings, cancellationToken);
        if (errors.Count == 0 && await db.Set<WebhookEndpoint>().CountAsync(e => e.TenantId == tenantId, cancellationToken) >= settings.MaxEndpointsPerTenant)
        {
            errors["url"] = [$"this tenant already has {settings.MaxEndpointsPerTenant} webhook endpoints, the most allowed"];
        }

        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var now = clock.GetUtcNow();
        var endpoint = new WebhookEndpoint
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            Url = request.Url,
            Events = "",
            Secret = WebhookSigner.NewSecret(),
            Enabled = true,
            CreatedAt = now,
        };
        Apply(endpoint, request, settings, now);
        db.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/v1/webhooks/{endpoint.Id}", new CreatedWebhook(endpoint.Id, endpoint.Secret, View(endpoint)));
    }

    public static async Task<Ok<WebhookView[]>> ListWebhooks(ClaimsPrincipal user, HtmDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var endpoints = await db.Set<WebhookEndpoint>().AsNoTracking().Where(e => e.TenantId == tenantId).ToListAsync(cancellationToken);
        return TypedResults.Ok(endpoints.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Select(View).ToArray());
    }

    public static async Task<Results<Ok<WebhookView>, NotFound>> GetWebhook(Guid id, ClaimsPrincipal user, HtmDbContext db, CancellationToken cancellationToken)
    {
        var endpoint = await FindAsync(db, user, id, cancellationToken);
        return endpoint is null ? TypedResults.NotFound() : TypedResults.Ok(View(endpoint));
    }

    public static async Task<Results<Ok<WebhookView>, NotFound, ValidationProblem>> UpdateWebhook(
        Guid id, WebhookRequest request, ClaimsPrincipal user, HtmDbContext db, IOptions<WebhookSettings> options, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var endpoint = await FindAsync(db, user, id, cancellationToken);
        if (endpoint is null) return TypedResults.NotFound();
        var errors = await ValidateAsync(request, endpoint.TenantId, db, options.Value, cancellationToken);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        Apply(endpoint, request, options.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(View(endpoint));
    }

    public static async Task<Results<NoContent, NotFound>> DeleteWebhook(Guid id, ClaimsPrincipal user, HtmDbContext db, CancellationToken cancellationToken)
    {
        var endpoint = await FindAsync(db, user, id, cancellationToken);
        if (endpoint is null) return TypedResults.NotFound();
        // Deliveries and attempts go with it (cascade); their pending jobs find nothing and end.
        db.Remove(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<WebhookView>, NotFound>> DisableWebhook(
        Guid id, ClaimsPrincipal user, HtmDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var endpoint = await FindAsync(db, user, id, cancellationToken);
        if (endpoint is null) return TypedResults.NotFound();
        if (endpoint.Enabled)
        {
            endpoint.Enabled = false;
            endpoint.DisabledReason = "disabled by its owner";
            endpoint.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(View(endpoint));
    }

    public static async Task<Results<Ok<WebhookView>, NotFound>> EnableWebhook(
        Guid id, ClaimsPrincipal user, HtmDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var endpoint = await FindAsync(db, user, id, cancellationToken);
        if (endpoint is null) return TypedResults.NotFound();
        if (!endpoint.Enabled)
        {
            endpoint.Enabled = true;
            endpoint.DisabledReason = null;
            endpoint.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.Ok(View(endpoint));
    }

    public static async Task<Results<Ok<RotatedSecret>, NotFound, ValidationProblem>> RotateSecret(
        Guid id, RotateSecretRequest? request, ClaimsPrincipal user, HtmDbContext db, IOptions<WebhookSettings> options, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var endpoint = await FindAsync(db, user, id, cancellationToken);
        if (endpoint is null) return TypedResults.NotFound();
        var grace = TimeSpan.FromSeconds(request?.GracePeriodSeconds ?? options.Value.SecretGracePeriodSeconds);
        if (grace < TimeSpan.Zero || grace > MaxGracePeriod)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["gracePeriodSeconds"] = [$"must be 0..{(int)MaxGracePeriod.TotalSeconds}"] });
        }

        var now = clock.GetUtcNow();
        // One previous secret at a time: rotating again within the grace period retires the oldest at once.
        endpoint.PreviousSecret = grace > TimeSpan.Zero ? endpoint.Secret : null;
        endpoint.PreviousSecretExpiresAt = grace > TimeSpan.Zero ? now + grace : null;
        endpoint.Secret = WebhookSigner.NewSecret();
        endpoint.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new RotatedSecret(endpoint.Secret, endpoint.PreviousSecretExpiresAt));
    }

    public static async Task<Results<Ok<WebhookDeliveryView[]>, NotFound, ValidationProblem>> ListDeliveries(
        Guid id, string? status, int? limit, ClaimsPrincipal user, HtmDbContext db, CancellationToken cancellationToken)
    {
        if (status is not null && !WebhookDeliveryStatus.All.Contains(status))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [$"must be one of {string.Join(", ", WebhookDeliveryStatus.All)}"] });
        }

        if (limit is < 1 or > MaxPage)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"must be 1..{MaxPage}"] });
        }

        var endpoint = await FindAsync(db, user, id, cancellationToken);
        if (endpoint is null) return TypedResults.NotFound();
        var query = db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.EndpointId == id);
        if (status is not null) query = query.Where(d => d.Status == status);
        var rows = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.LastSeq).ThenBy(d => d.Id)
            .Take(limit ?? DefaultPage)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(View).ToArray());
    }

    public static async Task<Results<Ok<WebhookDeliveryDetail>, NotFound>> GetDelivery(
        Guid id, ClaimsPrincipal user, HtmDbContext db, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var delivery = await db.Set<WebhookDelivery>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.TenantId == tenantId, cancellationToken);
        if (delivery is null) return TypedResults.NotFound();
        var attempts = await db.Set<WebhookAttempt>().AsNoTracking().Where(a => a.DeliveryId == id).ToListAsync(cancellationToken);
        return TypedResults.Ok(new WebhookDeliveryDetail(
            View(delivery),
            attempts.OrderBy(a => a.AttemptedAt).ThenBy(a => a.Id).Select(a => new WebhookAttemptView(a.AttemptedAt, a.StatusCode, a.LatencyMs, a.Error)).ToArray(),
            JsonDocument.Parse(delivery.Payload).RootElement.Clone()));
    }

    public static async Task<Results<Accepted<WebhookDeliveryView>, NotFound, ProblemHttpResult>> Redeliver(
        Guid id, ClaimsPrincipal user, HtmDbContext db, IBackgroundJobClient jobs, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        var delivery = await db.Set<WebhookDelivery>().SingleOrDefaultAsync(d => d.Id == id && d.TenantId == tenantId, cancellationToken);
        if (delivery is null) return TypedResults.NotFound();
        var enabled = await db.Set<WebhookEndpoint>().Where(e => e.Id == delivery.EndpointId).Select(e => e.Enabled).SingleAsync(cancellationToken);
        if (!enabled)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: "The endpoint is disabled; enable it first.");
        }

        // A fresh schedule from now; a job of the old schedule finds the delivery not due (or done) and ends.
        var now = clock.GetUtcNow();
        delivery.Status = WebhookDeliveryStatus.Pending;
        delivery.Runs = 0;
        delivery.NextAttemptAt = now;
        delivery.CompletedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        DeliveryQueue.Enqueue(jobs, delivery.Id);
        return TypedResults.Accepted($"/v1/deliveries/{delivery.Id}", View(delivery));
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(
        WebhookRequest request, Guid tenantId, HtmDbContext db, WebhookSettings settings, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (WebhookUrlRules.Check(request.Url, settings) is { } urlError) errors["url"] = [urlError];
        if (request.Events is null || request.Events.Count == 0) errors["events"] = [$"must name at least one of {string.Join(", ", WebhookEvents.All)}"];
        else if (request.Events.Any(e => e is null || !WebhookEvents.All.Contains(e)))
            errors["events"] = [$"'{request.Events.First(e => e is null || !WebhookEvents.All.Contains(e))}' is not one of {string.Join(", ", WebhookEvents.All)}"];
        if (request.AnomalyThreshold is { } threshold && !(threshold is >= 0 and <= 1)) errors["anomalyThreshold"] = ["must be 0..1"];
        if (request.Include?.Any(o => o is null || !WebhookOutputs.All.Contains(o)) == true)
            errors["include"] = [$"'{request.Include.First(o => o is null || !WebhookOutputs.All.Contains(o))}' is not one of {string.Join(", ", WebhookOutputs.All)}"];
        if (request.ModelId is { } modelId && !await db.Models.AnyAsync(m => m.Id == modelId && m.TenantId == tenantId, cancellationToken))
            errors["modelId"] = ["is not a model of this tenant"];
        return errors;
    }

    private static void Apply(WebhookEndpoint endpoint, WebhookRequest request, WebhookSettings settings, DateTimeOffset now)
    {
        endpoint.Url = request.Url;
        endpoint.Events = string.Join(' ', request.Events.Distinct());
        endpoint.AnomalyThreshold = request.AnomalyThreshold ?? settings.DefaultAnomalyThreshold;
        endpoint.ModelId = request.ModelId;
        endpoint.Include = request.Include is null ? null : string.Join(' ', request.Include.Distinct());
        endpoint.UpdatedAt = now;
    }

    /// <summary>The caller's endpoint, or null: another tenant's endpoint is indistinguishable from none.</summary>
    private static Task<WebhookEndpoint?> FindAsync(HtmDbContext db, ClaimsPrincipal user, Guid id, CancellationToken cancellationToken)
    {
        var tenantId = user.TenantId();
        return db.Set<WebhookEndpoint>().SingleOrDefaultAsync(e => e.Id == id && e.TenantId == tenantId, cancellationToken);
    }

    private static WebhookView View(WebhookEndpoint e) => new(
        e.Id, e.Url, e.Events.Split(' ', StringSplitOptions.RemoveEmptyEntries), e.AnomalyThreshold, e.ModelId,
        e.Include?.Split(' ', StringSplitOptions.RemoveEmptyEntries), e.Enabled, e.DisabledReason, e.CreatedAt, e.UpdatedAt,
        e.PreviousSecretExpiresAt);

    private static WebhookDeliveryView View(WebhookDelivery d) => new(
        d.Id, d.EndpointId, d.ModelId, d.EventType, d.FirstSeq, d.LastSeq, d.Status, d.Attempts, d.CreatedAt,
        d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null, d.LastAttemptAt, d.LastStatusCode, d.LastError, d.CompletedAt);
}
