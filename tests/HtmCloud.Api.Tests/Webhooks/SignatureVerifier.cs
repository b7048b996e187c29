using System.Security.Cryptography;
using System.Text;

namespace HtmCloud.Api.Tests.Webhooks;

/// <summary>
/// A receiver's check, written from the Standard Webhooks description rather than from the server's code:
/// HMAC-SHA256 keyed with the base64 after <c>whsec_</c>, over <c>id.timestamp.body</c>, compared with each
/// <c>v1,</c> signature in the header; the timestamp must be within five minutes.
/// </summary>
public static class SignatureVerifier
{
    public static bool Verifies(string secret, ReceivedWebhook received) =>
        Verifies(secret, received.Id, received.Timestamp, received.Body, received.Signature, DateTimeOffset.UtcNow);

    public static bool Verifies(string secret, string id, string timestamp, string body, string signatureHeader, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, out var seconds) || Math.Abs(now.ToUnixTimeSeconds() - seconds) > 300) return false;
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"));
        foreach (var signature in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = signature.Split(',', 2);
            if (parts.Length == 2 && parts[0] == "v1" &&
                CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(parts[1]), expected))
            {
                return true;
            }
        }

        return false;
    }
}
