using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace HtmCloud.Data;

/// <summary>Used by <c>dotnet ef</c> only: migrations are generated without starting the host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHtmDbContext>
{
    public SqliteHtmDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteHtmDbContext>();
        options.UseHtmSqlite("Data Source=design-time.db");
        return new SqliteHtmDbContext(options.Options);
    }
}
