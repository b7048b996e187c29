using HtmCloud.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HtmCloud.Api.Hosting;

public static class StorageHosting
{
    public const string DefaultSqliteConnectionString = "Data Source=htmcloud.db";

    /// <summary>
    /// <c>Storage=Sqlite</c> (default: <c>ConnectionStrings:Sqlite</c>, else htmcloud.db in the working folder)
    /// or <c>Storage=Postgres</c> (<c>ConnectionStrings:Postgres</c>); the schema is migrated on start.
    /// </summary>
    public static IHostApplicationBuilder AddHtmStorage(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var storage = configuration.GetValue("Storage", HtmStorage.Sqlite);
        switch (storage)
        {
            case HtmStorage.Sqlite:
                var sqlite = configuration.GetConnectionString("Sqlite") is { Length: > 0 } s ? s : DefaultSqliteConnectionString;
                // Pooled: a records request uses three contexts, and building one (options, services) cost more than its query.
                builder.Services.AddDbContextPool<HtmDbContext, SqliteHtmDbContext>(options => options.UseHtmSqlite(sqlite));
                break;
            case HtmStorage.Postgres:
                var postgres = configuration.GetConnectionString("Postgres") is { Length: > 0 } p
                    ? p
                    : throw new InvalidOperationException("Storage=Postgres needs the setting ConnectionStrings:Postgres (env ConnectionStrings__Postgres).");
                builder.Services.AddDbContextPool<HtmDbContext, PostgresHtmDbContext>(options => options.UseHtmPostgres(postgres));
                break;
            default:
                throw new InvalidOperationException($"Unknown Storage '{storage}'; use Sqlite or Postgres.");
        }

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<StorageMigrator>();
        return builder;
    }
}
