using System.Buffers.Binary;

namespace HtmCloud.Htm.Snapshots;

/// <summary>CRC-32 (IEEE 802.3, reflected 0xEDB88320), enough to catch a corrupt snapshot.</summary>
public static class Crc32
{
    internal const uint Initial = 0xFFFFFFFFu;

    // Slicing-by-8: eight tables let one step consume eight bytes; checkpoints hash megabytes per model.
    private static readonly uint[] Tables = BuildTables();

    public static uint Compute(ReadOnlySpan<byte> data) => Finish(Update(Initial, data));

    internal static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        var t = Tables;
        int i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            uint low = BinaryPrimitives.ReadUInt32LittleEndian(data[i..]) ^ crc;
            uint high = BinaryPrimitives.ReadUInt32LittleEndian(data[(i + 4)..]);
            crc = t[7 * 256 + (low & 0xFF)] ^ t[6 * 256 + ((low >> 8) & 0xFF)] ^
                  t[5 * 256 + ((low >> 16) & 0xFF)] ^ t[4 * 256 + (low >> 24)] ^
                  t[3 * 256 + (high & 0xFF)] ^ t[2 * 256 + ((high >> 8) & 0xFF)] ^
                  t[1 * 256 + ((high >> 16) & 0xFF)] ^ t[high >> 24];
        }
        for (; i < data.Length; i++) crc = t[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    internal static uint Finish(uint crc) => ~crc;

    // Table k maps a byte to the CRC of that byte followed by k zero bytes.
    private static uint[] BuildTables()
    {
        var t = new uint[8 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        for (int k = 1; k < 8; k++)
            for (int i = 0; i < 256; i++)
                t[k * 256 + i] = t[(k - 1) * 256 + i] >> 8 ^ t[t[(k - 1) * 256 + i] & 0xFF];
        return t;
    }
}
