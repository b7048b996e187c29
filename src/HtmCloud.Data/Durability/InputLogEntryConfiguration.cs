using HtmCloud.Data.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HtmCloud.Data.Durability;

internal sealed class InputLogEntryConfiguration : IEntityTypeConfiguration<InputLogEntry>
{
    public void Configure(EntityTypeBuilder<InputLogEntry> entry)
    {
        entry.ToTable("input_log");
        entry.HasKey(e => e.Id);
        // One row per first sequence number: a second writer of the same records fails instead of forking the log.
        entry.HasIndex(e => new { e.ModelId, e.FirstSeq }).IsUnique();
        entry.Property(e => e.IdempotencyKey).HasMaxLength(200);
        entry.HasOne<ModelEntity>().WithMany().HasForeignKey(e => e.ModelId).OnDelete(DeleteBehavior.Cascade);
    }
}
