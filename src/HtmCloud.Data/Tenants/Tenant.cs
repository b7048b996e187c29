namespace HtmCloud.Data.Tenants;

/// <summary>A customer account; every key, model and row below it carries its id.</summary>
public sealed class Tenant
{
    public Guid Id { get; set; }

    /// <summary>Normalised (trimmed, lower case); unique.</summary>
    public required string Email { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
