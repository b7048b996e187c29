using HtmCloud.Data.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HtmCloud.Data.Keys;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("api_keys");
        key.HasKey(k => k.Id);
        key.Property(k => k.Id).ValueGeneratedNever();
        key.Property(k => k.KeyId).HasMaxLength(32);
        key.HasIndex(k => k.KeyId).IsUnique();
        key.Property(k => k.SecretHash).HasMaxLength(32);
        key.HasIndex(k => k.TenantId);
        key.HasOne<Tenant>().WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
