using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HtmCloud.Data.Tenants;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> tenant)
    {
        tenant.ToTable("tenants");
        tenant.HasKey(t => t.Id);
        tenant.Property(t => t.Id).ValueGeneratedNever();
        tenant.Property(t => t.Email).HasMaxLength(254);
        tenant.HasIndex(t => t.Email).IsUnique();
    }
}
