namespace HtmCloud.Data.Models;

/// <summary>A submitted pool graph owned by a tenant (table <c>models</c>).</summary>
public sealed class ModelEntity
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    /// <summary>The pool graph exactly as accepted, as JSON text.</summary>
    public required string GraphJson { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Lifecycle state, written by the models feature (e.g. <c>active</c>).</summary>
    public required string Status { get; set; }
}
