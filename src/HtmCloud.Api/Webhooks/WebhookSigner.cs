using System.Security.Cryptography;
using System.Text;

namespace HtmCloud.Api.Webhooks;

/// <summary>
/// Standard Webhooks signing: <c>webhook-signature: v1,&lt;base64 HMAC-SHA256(id.timestamp.body)&gt;</c>, keyed with the
/// base64-decoded part of a <c>whsec_</c> secret; several secrets give several space-separated signatures.
/// </summary>
public static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";
    private const int SecretBytes = 32;

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes));

    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, message));
    }

    /// <summary>The header value: one signature per secret, in the order given.</summary>
    public static string SignatureHeader(IEnumerable<string> secrets, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var signatures = new List<string>();
        foreach (var secret in secrets)
        {
            signatures.Add(Sign(secret, id, timestamp, body));
        }

        return string.Join(' ', signatures);
    }
}
