using HtmCloud.Data.Durability;
using HtmCloud.Data.Keys;
using HtmCloud.Data.Models;
using HtmCloud.Data.Naming;
using HtmCloud.Data.Tenants;
using Microsoft.EntityFrameworkCore;

namespace HtmCloud.Data;

/// <summary>The service's database. Resolve this type; a provider subclass carries the provider's migrations.</summary>
public abstract class HtmDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<ModelEntity> Models => Set<ModelEntity>();

    public DbSet<InputLogEntry> InputLog => Set<InputLogEntry>();

    public DbSet<CheckpointEntity> Checkpoints => Set<CheckpointEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HtmDbContext).Assembly);
        // Last, so it names the columns, keys and indexes of every configured entity.
        SnakeCaseNames.Apply(modelBuilder);
    }
}
