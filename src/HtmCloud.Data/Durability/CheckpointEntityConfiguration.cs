using HtmCloud.Data.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HtmCloud.Data.Durability;

internal sealed class CheckpointEntityConfiguration : IEntityTypeConfiguration<CheckpointEntity>
{
    public void Configure(EntityTypeBuilder<CheckpointEntity> checkpoint)
    {
        checkpoint.ToTable("checkpoints");
        checkpoint.HasKey(c => c.Id);
        checkpoint.Property(c => c.Id).ValueGeneratedNever();
        checkpoint.HasIndex(c => new { c.ModelId, c.Seq });
        checkpoint.HasOne<ModelEntity>().WithMany().HasForeignKey(c => c.ModelId).OnDelete(DeleteBehavior.Cascade);
    }
}
