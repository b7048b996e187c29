using System.Runtime.InteropServices;
using System.Text;

namespace HtmCloud.Htm.Snapshots;

/// <summary>Reads what <see cref="SnapshotWriter"/> wrote, verifying framing, version and checksum first.</summary>
public sealed class SnapshotReader
{
    private readonly byte[] _payload;
    private int _position;

    /// <summary>
    /// Reads and verifies a whole snapshot: the stream from its position to its end is the snapshot, so its
    /// length and checksum (in the trailer) are checked before any state is read.
    /// </summary>
    public SnapshotReader(Stream stream)
    {
        var all = new MemoryStream();
        stream.CopyTo(all);
        var bytes = all.GetBuffer().AsSpan(0, (int)all.Length);
        if (bytes.Length < 8) throw new SnapshotFormatException("Snapshot is truncated (in the header).");
        if (BitConverter.ToUInt32(bytes) != SnapshotFormat.Magic) throw new SnapshotFormatException("Not an HtmCloud snapshot (bad magic).");
        int version = BitConverter.ToInt32(bytes[4..]);
        if (version > SnapshotFormat.Version)
            throw new SnapshotFormatException($"Snapshot format version {version} is newer than this engine reads ({SnapshotFormat.Version}).");
        if (version < 1) throw new SnapshotFormatException($"Unknown snapshot format version {version}.");
        if (bytes.Length < 20) throw new SnapshotFormatException("Snapshot is truncated (no trailer).");
        var trailer = bytes[^12..];
        long length = BitConverter.ToInt64(trailer);
        if (length != bytes.Length - 20) throw new SnapshotFormatException($"Snapshot is truncated or padded: the trailer says {length} payload bytes, found {bytes.Length - 20}.");
        _payload = bytes[8..^12].ToArray();
        if (Crc32.Compute(_payload) != BitConverter.ToUInt32(trailer[8..])) throw new SnapshotFormatException("Snapshot checksum mismatch: the data is corrupt.");
        FormatVersion = version;
    }

    /// <summary>Format version of the snapshot being read.</summary>
    public int FormatVersion { get; }

    /// <summary>Checks that the next section has the expected tag.</summary>
    public void Section(string tag)
    {
        string found = ReadString();
        if (found != tag) throw new SnapshotFormatException($"Expected snapshot section '{tag}', found '{found}'.");
    }

    public int ReadInt() => BitConverter.ToInt32(Take(4));
    public long ReadLong() => BitConverter.ToInt64(Take(8));
    public ulong ReadULong() => BitConverter.ToUInt64(Take(8));
    public float ReadFloat() => BitConverter.ToSingle(Take(4));
    public double ReadDouble() => BitConverter.ToDouble(Take(8));
    public bool ReadBool() => Take(1)[0] != 0;

    public string ReadString()
    {
        // BinaryWriter's 7-bit encoded length prefix.
        int length = 0, shift = 0;
        byte b;
        do
        {
            if (shift > 28) throw new SnapshotFormatException("Corrupt string length in snapshot.");
            b = Take(1)[0];
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return Encoding.UTF8.GetString(Take(length));
    }

    public int[] ReadIntArray() => ReadArray<int>();
    public float[] ReadFloatArray() => ReadArray<float>();
    public double[] ReadDoubleArray() => ReadArray<double>();
    public byte[] ReadByteArray() => ReadArray<byte>();
    public long[] ReadLongArray() => ReadArray<long>();
    public ushort[] ReadUShortArray() => ReadArray<ushort>();

    /// <summary>Reads an array and checks its length.</summary>
    public T[] ReadArray<T>(int expectedLength) where T : unmanaged
    {
        var values = ReadArray<T>();
        if (values.Length != expectedLength)
            throw new SnapshotFormatException($"Snapshot array has {values.Length} items, expected {expectedLength}: the snapshot was taken with other parameters.");
        return values;
    }

    /// <summary>Throws unless every byte was consumed.</summary>
    public void End()
    {
        if (_position != _payload.Length) throw new SnapshotFormatException("Snapshot has trailing data.");
    }

    private T[] ReadArray<T>() where T : unmanaged
    {
        int count = ReadInt();
        int size = Marshal.SizeOf<T>();
        if (count < 0 || (long)count * size > _payload.Length - _position)
            throw new SnapshotFormatException("Snapshot is truncated or an array length is corrupt.");
        var values = new T[count];
        Take(count * size).CopyTo(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _payload.Length - _position) throw new SnapshotFormatException("Snapshot is truncated.");
        var span = new ReadOnlySpan<byte>(_payload, _position, count);
        _position += count;
        return span;
    }
}
