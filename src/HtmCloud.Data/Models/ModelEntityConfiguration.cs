using HtmCloud.Data.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HtmCloud.Data.Models;

internal sealed class ModelEntityConfiguration : IEntityTypeConfiguration<ModelEntity>
{
    public void Configure(EntityTypeBuilder<ModelEntity> model)
    {
        model.ToTable("models");
        model.HasKey(m => m.Id);
        model.Property(m => m.Id).ValueGeneratedNever();
        model.Property(m => m.Name).HasMaxLength(200);
        model.Property(m => m.Status).HasMaxLength(32);
        model.HasIndex(m => m.TenantId);
        model.HasOne<Tenant>().WithMany().HasForeignKey(m => m.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
