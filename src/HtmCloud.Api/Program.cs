using HtmCloud.Api.Durability;
using HtmCloud.Api.Hosting;
using HtmCloud.Api.Keys;
using HtmCloud.Api.Live;
using HtmCloud.Api.Models;
using HtmCloud.Api.Records;
using HtmCloud.Api.Tenants;
using HtmCloud.Api.Webhooks;

var builder = WebApplication.CreateBuilder(args);

builder.AddHtmLogging();
builder.AddHtmKestrel();
builder.AddHtmProblemDetails();
builder.AddHtmStorage();
builder.AddHtmOrleans();
builder.AddHtmAuthentication();
builder.AddHtmRateLimits();
builder.AddHtmTelemetry();
builder.AddHtmHealthChecks();
builder.AddHtmOpenApi();
builder.AddHtmModels();
builder.AddWebhookDelivery();
builder.AddHtmDurability();
builder.AddHtmLive();

var app = builder.Build();

app.UseHtmForwardedHeaders();
app.UseHtmProblemDetails();
app.UseHtmHttps();
app.UseHtmDashboard();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapHtmHealthChecks();
app.MapHtmMetrics();
app.MapHtmOpenApi();
app.MapSignup();
app.MapKeys();
app.MapModels();
app.MapRecords();
app.MapLive();
app.MapWebhooks();
app.MapCheckpoints();

app.Run();
