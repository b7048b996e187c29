using HtmCloud.Api.Webhooks;
using HtmCloud.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HtmCloud.Api.Hosting;

/// <summary>
/// Applies pending migrations, then has Hangfire install its schema, before any hosted service (the silo, the web
/// server, Hangfire's server) starts. Never EnsureCreated: it skips a database that already holds any table.
/// </summary>
internal sealed class StorageMigrator(IServiceScopeFactory scopes, ILogger<StorageMigrator> logger) : IHostedLifecycleService
{
    // Any fixed number: the PostgreSQL advisory lock nodes take while they change the schema.
    private const long SchemaLockKey = 0x48544D_436C6F7564;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HtmDbContext>();
        // Nodes started together (docker compose) take turns: interleaved, EF's migrations and Hangfire's install script
        // fail on each other's half-made tables and constraints.
        await using var schemaLock = db.Database.IsNpgsql() ? await LockSchemaAsync(db.Database.GetConnectionString()!, cancellationToken) : null;
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migration(s) to {Provider}: {Migrations}", pending.Count, db.Database.ProviderName, pending);
        }

        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Readers don't block the writer and vice versa; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        _ = scope.ServiceProvider.GetRequiredService<WebhookJobStorage>(); // Hangfire's PostgreSQL storage installs its schema when built
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // A session-level lock on an unpooled connection of its own: disposing the connection ends the session and the lock.
    private static async Task<NpgsqlConnection> LockSchemaAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", SchemaLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
