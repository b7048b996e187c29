using Microsoft.EntityFrameworkCore;

namespace HtmCloud.Data;

/// <summary>Provider set-up shared by the host and the design-time factories, so migrations see what runs.</summary>
public static class HtmDbContextOptions
{
    private static readonly SqlitePragmas Pragmas = new();

    public static DbContextOptionsBuilder UseHtmSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(Pragmas);

    public static DbContextOptionsBuilder UseHtmPostgres(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString);
}
