using HtmCloud.Data;
using Microsoft.EntityFrameworkCore;

namespace HtmCloud.Api.Hosting;

/// <summary>
/// Applies pending migrations before any hosted service (the silo, the web server) starts.
/// Never EnsureCreated: it skips a database that already holds any table.
/// </summary>
internal sealed class StorageMigrator(IServiceScopeFactory scopes, ILogger<StorageMigrator> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HtmDbContext>();
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
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
