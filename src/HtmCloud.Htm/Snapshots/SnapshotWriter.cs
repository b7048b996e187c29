using System.Runtime.InteropServices;
using System.Text;

namespace HtmCloud.Htm.Snapshots;

/// <summary>
/// Writes engine state as little-endian binary into a buffer; <see cref="CopyTo"/> frames it with a magic,
/// the format version, the payload length and a CRC-32 so a reader can reject damaged or newer data.
/// </summary>
public sealed class SnapshotWriter
{
    private readonly MemoryStream _buffer = new();
    private readonly BinaryWriter _writer;

    public SnapshotWriter() => _writer = new BinaryWriter(_buffer, Encoding.UTF8, leaveOpen: true);

    /// <summary>Marks the start of a named section; the reader checks the same tag at the same place.</summary>
    public void Section(string tag) => _writer.Write(tag);

    public void Write(int value) => _writer.Write(value);
    public void Write(long value) => _writer.Write(value);
    public void Write(ulong value) => _writer.Write(value);
    public void Write(float value) => _writer.Write(value);
    public void Write(double value) => _writer.Write(value);
    public void Write(bool value) => _writer.Write(value);
    public void Write(string value) => _writer.Write(value);

    public void Write(ReadOnlySpan<int> values) => WriteArray(values);
    public void Write(ReadOnlySpan<float> values) => WriteArray(values);
    public void Write(ReadOnlySpan<double> values) => WriteArray(values);
    public void Write(ReadOnlySpan<byte> values) => WriteArray(values);
    public void Write(ReadOnlySpan<long> values) => WriteArray(values);
    public void Write(ReadOnlySpan<ushort> values) => WriteArray(values);

    /// <summary>Writes the framed snapshot to <paramref name="stream"/>.</summary>
    public void CopyTo(Stream stream)
    {
        _writer.Flush();
        var payload = new ReadOnlySpan<byte>(_buffer.GetBuffer(), 0, (int)_buffer.Length);
        using var header = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        header.Write(SnapshotFormat.Magic);
        header.Write(SnapshotFormat.Version);
        header.Write((long)payload.Length);
        header.Write(Crc32.Compute(payload));
        header.Flush();
        stream.Write(payload);
    }

    private void WriteArray<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        _writer.Write(values.Length);
        _writer.Write(MemoryMarshal.AsBytes(values));
    }
}
