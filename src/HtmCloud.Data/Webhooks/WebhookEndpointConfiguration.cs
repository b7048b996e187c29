using HtmCloud.Data.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HtmCloud.Data.Webhooks;

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> endpoint)
    {
        endpoint.ToTable("webhook_endpoints");
        endpoint.HasKey(e => e.Id);
        endpoint.Property(e => e.Id).ValueGeneratedNever();
        endpoint.Property(e => e.Url).HasMaxLength(2048);
        endpoint.Property(e => e.Events).HasMaxLength(200);
        endpoint.Property(e => e.Include).HasMaxLength(200);
        endpoint.Property(e => e.Secret).HasMaxLength(100);
        endpoint.Property(e => e.PreviousSecret).HasMaxLength(100);
        endpoint.Property(e => e.DisabledReason).HasMaxLength(500);
        endpoint.HasIndex(e => e.TenantId);
        endpoint.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
