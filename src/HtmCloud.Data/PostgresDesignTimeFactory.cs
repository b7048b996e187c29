using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HtmCloud.Data;

/// <summary>Used by <c>dotnet ef</c> only: generating a migration needs no running server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHtmDbContext>
{
    public PostgresHtmDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresHtmDbContext>();
        options.UseHtmPostgres("Host=localhost;Database=htmcloud");
        return new PostgresHtmDbContext(options.Options);
    }
}
