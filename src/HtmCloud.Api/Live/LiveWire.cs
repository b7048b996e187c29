using System.Text.Json;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Models;

namespace HtmCloud.Api.Live;

/// <summary>
/// A published batch on a Redis channel: the publishing node's id (16 bytes) and then the records as a JSON array,
/// so a node skips its own batches (already delivered locally) without parsing them.
/// </summary>
internal static class LiveWire
{
    public static byte[] Encode(Guid node, IReadOnlyList<LiveRecord> records)
    {
        using var buffer = new MemoryStream();
        Span<byte> id = stackalloc byte[16];
        node.TryWriteBytes(id);
        buffer.Write(id);
        JsonSerializer.Serialize(buffer, records, HtmJson.Options);
        return buffer.ToArray();
    }

    public static Guid Node(ReadOnlySpan<byte> payload) => payload.Length < 16 ? Guid.Empty : new Guid(payload[..16]);

    public static LiveRecord[] Records(ReadOnlySpan<byte> payload) =>
        JsonSerializer.Deserialize<LiveRecord[]>(payload[16..], HtmJson.Options) ?? [];
}
