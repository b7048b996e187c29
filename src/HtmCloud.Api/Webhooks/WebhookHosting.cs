using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using HtmCloud.Data;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace HtmCloud.Api.Webhooks;

public static class WebhookHosting
{
    /// <summary>
    /// Webhook delivery: Hangfire (in memory with <c>Storage=Sqlite</c>, PostgreSQL with <c>Storage=Postgres</c>, on the
    /// same connection string), the guarded and resilient HTTP client, the dispatcher the ingest path calls, the
    /// queue that enqueues jobs and the sweep that re-enqueues deliveries at start.
    /// </summary>
    public static WebApplicationBuilder AddWebhookDelivery(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<WebhookSettings>(configuration.GetSection(WebhookSettings.Section));
        services.Configure<HangfireSettings>(configuration.GetSection(HangfireSettings.Section));

        services.AddSingleton(sp =>
        {
            // Hangfire's logging is static; resolving its configuration first points it at this host's loggers
            // (storage constructors log, and a previous host's logger factory may be disposed).
            sp.GetRequiredService<IGlobalConfiguration>();
            return CreateJobStorage(configuration, sp.GetRequiredService<IOptions<HangfireSettings>>().Value);
        });
        // Registered before AddHangfire, whose TryAdd would otherwise take the static JobStorage.Current / JobActivator.Current.
        services.AddSingleton(sp => sp.GetRequiredService<WebhookJobStorage>().Storage);
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer((sp, server) =>
        {
            var settings = sp.GetRequiredService<IOptions<HangfireSettings>>().Value;
            server.WorkerCount = Math.Max(1, settings.WorkerCount);
            server.SchedulePollingInterval = TimeSpan.FromMilliseconds(Math.Max(50, settings.SchedulePollingIntervalMilliseconds));
            server.ShutdownTimeout = TimeSpan.FromSeconds(5);
        });

        services.AddTransient<AttemptRecorder>();
        var http = services.AddHttpClient(WebhookSender.ClientName, client =>
            {
                // The pipeline's timeouts govern; HttpClient's own would cut retries short.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("HtmCloud-Webhooks/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                bool allowPrivate = sp.GetRequiredService<IOptions<WebhookSettings>>().Value.AllowPrivateNetworks;
                return new SocketsHttpHandler
                {
                    ConnectCallback = (context, cancellationToken) => NetworkGuard.ConnectAsync(context.DnsEndPoint, allowPrivate, cancellationToken),
                    // A redirect or a proxy would connect somewhere the guard did not choose.
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    UseCookies = false,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                };
            });
        http.AddResilienceHandler("webhook", (pipeline, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptions<WebhookSettings>>().Value;
            if (settings.HttpRetries > 0)
            {
                var longestInlineWait = TimeSpan.FromSeconds(settings.MaxInlineRetryAfterSeconds);
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = settings.HttpRetries,
                    Delay = TimeSpan.FromMilliseconds(Math.Max(1, settings.HttpRetryDelayMilliseconds)),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(RetryInline(args.Outcome, longestInlineWait)),
                });
            }

            pipeline.AddTimeout(TimeSpan.FromSeconds(Math.Max(1, settings.AttemptTimeoutSeconds)));
        });
        // After the resilience handler, so inside it: every try passes through the recorder.
        http.AddHttpMessageHandler<AttemptRecorder>();

        services.AddScoped<WebhookSender>();
        services.AddSingleton<DeliveryQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryQueue>());
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService<DeliverySweeper>();
        return builder;
    }

    // 429, 5xx and network errors, unless the guard refused the target or the receiver asked for a long wait
    // (the retry schedule takes those).
    private static bool RetryInline(Outcome<HttpResponseMessage> outcome, TimeSpan longestWait)
    {
        for (var e = outcome.Exception; e is not null; e = e.InnerException)
        {
            if (e is WebhookTargetRefusedException) return false;
        }

        if (!HttpClientResiliencePredicates.IsTransient(outcome)) return false;
        return outcome.Result?.Headers.RetryAfter is not { } retryAfter ||
               (retryAfter.Delta ?? (retryAfter.Date - DateTimeOffset.UtcNow) ?? TimeSpan.Zero) <= longestWait;
    }

    private static WebhookJobStorage CreateJobStorage(IConfiguration configuration, HangfireSettings settings)
    {
        if (configuration.GetValue("Storage", HtmStorage.Sqlite) != HtmStorage.Postgres)
        {
            // The embedded default: jobs live in memory; the delivery table brings them back at start (DeliverySweeper).
            return new WebhookJobStorage(new InMemoryStorage(), IsDurable: false);
        }

        var connectionString = configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("Storage=Postgres needs ConnectionStrings:Postgres.");
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            EnableLongPolling = true,
            QueuePollInterval = TimeSpan.FromMilliseconds(Math.Max(50, settings.QueuePollIntervalMilliseconds)),
            UseSlidingInvisibilityTimeout = true,
        };
        return new WebhookJobStorage(new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options), IsDurable: true);
    }
}
