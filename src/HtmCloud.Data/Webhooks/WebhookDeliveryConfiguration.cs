using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HtmCloud.Data.Webhooks;

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> delivery)
    {
        delivery.ToTable("webhook_deliveries");
        delivery.HasKey(d => d.Id);
        delivery.Property(d => d.Id).ValueGeneratedNever();
        delivery.Property(d => d.EventType).HasMaxLength(32);
        delivery.Property(d => d.Status).HasMaxLength(16);
        delivery.Property(d => d.LastError).HasMaxLength(1000);
        // Listing an endpoint's deliveries, newest first; the sweep for deliveries no job will pick up.
        delivery.HasIndex(d => new { d.EndpointId, d.CreatedAt });
        delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
        // No foreign key to models: a delivery outlives its model, and the model filter is the endpoint's business.
        delivery.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}
