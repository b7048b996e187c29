using Microsoft.EntityFrameworkCore;

namespace HtmCloud.Data;

/// <summary>The PostgreSQL flavour of <see cref="HtmDbContext"/>; its migrations are in Migrations/Postgres.</summary>
public sealed class PostgresHtmDbContext(DbContextOptions<PostgresHtmDbContext> options) : HtmDbContext(options);
