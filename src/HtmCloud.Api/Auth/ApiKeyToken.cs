using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using HtmCloud.Data.Keys;

namespace HtmCloud.Api.Auth;

/// <summary>
/// An API key, <c>htm_&lt;id&gt;_&lt;secret&gt;</c>: a 12-character public id (lower-case letters and digits, no '_')
/// and 32 random bytes in base64url. Only the id and SHA-256(secret) are stored.
/// </summary>
public sealed class ApiKeyToken
{
    public const string Marker = "htm_";
    public const int KeyIdLength = 12;
    private const string KeyIdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const int SecretBytes = 32;
    private const int MaxSecretLength = 64;

    private readonly string _secret;

    private ApiKeyToken(string keyId, string secret)
    {
        KeyId = keyId;
        _secret = secret;
    }

    public string KeyId { get; }

    /// <summary>The part that may be shown again: <c>htm_&lt;id&gt;</c>.</summary>
    public string Prefix => PrefixOf(KeyId);

    /// <summary>The whole key, to hand to its owner once.</summary>
    public string Value => $"{Marker}{KeyId}_{_secret}";

    public static string PrefixOf(string keyId) => Marker + keyId;

    public static ApiKeyToken New() => new(
        RandomNumberGenerator.GetString(KeyIdAlphabet, KeyIdLength),
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes)));

    public static bool TryParse(string? value, [NotNullWhen(true)] out ApiKeyToken? token)
    {
        token = null;
        var idEnd = Marker.Length + KeyIdLength;
        if (value is null || value.Length <= idEnd + 1 || value.Length > idEnd + 1 + MaxSecretLength ||
            !value.StartsWith(Marker, StringComparison.Ordinal) || value[idEnd] != '_')
        {
            return false;
        }

        var keyId = value[Marker.Length..idEnd];
        var secret = value[(idEnd + 1)..];
        if (!keyId.All(KeyIdAlphabet.Contains) || !secret.All(IsBase64UrlChar))
        {
            return false;
        }

        token = new ApiKeyToken(keyId, secret);
        return true;
    }

    public byte[] HashSecret() => SHA256.HashData(Encoding.UTF8.GetBytes(_secret));

    /// <summary>Constant-time comparison with a stored hash.</summary>
    public bool Matches(byte[] secretHash) => CryptographicOperations.FixedTimeEquals(HashSecret(), secretHash);

    public ApiKey ToEntity(Guid tenantId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        KeyId = KeyId,
        SecretHash = HashSecret(),
        CreatedAt = now,
    };

    // Never the secret: tokens end up in logs through string interpolation.
    public override string ToString() => Prefix + "_…";

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
