namespace HtmCloud.Data.Keys;

/// <summary>
/// An API key as stored: its public identifier and the SHA-256 of its secret, never the secret itself.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>The public part of the key (<c>htm_&lt;KeyId&gt;_&lt;secret&gt;</c>); unique, used to look the key up.</summary>
    public required string KeyId { get; set; }

    /// <summary>SHA-256 of the secret's UTF-8 bytes (32 bytes).</summary>
    public required byte[] SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set once; a revoked key never authenticates again.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
