using Microsoft.EntityFrameworkCore;

namespace HtmCloud.Data;

/// <summary>The SQLite flavour of <see cref="HtmDbContext"/>; its migrations are in Migrations/Sqlite.</summary>
public sealed class SqliteHtmDbContext(DbContextOptions<SqliteHtmDbContext> options) : HtmDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text; UTC ticks sort and compare as integers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}
