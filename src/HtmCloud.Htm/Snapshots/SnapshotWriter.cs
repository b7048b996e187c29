using System.Runtime.InteropServices;
using System.Text;

namespace HtmCloud.Htm.Snapshots;

/// <summary>
/// Writes engine state as little-endian binary straight into a stream: a header (magic, format version),
/// the payload, then a trailer (payload length, CRC-32) from <see cref="Complete"/>, so a reader can reject
/// damaged, truncated or newer data. Nothing is buffered beyond a small block, so a large model is not
/// held twice in memory while it is saved.
/// </summary>
public sealed class SnapshotWriter
{
    private readonly Stream _stream;
    private readonly BinaryWriter _writer;
    private readonly ChecksumStream _payload;

    public SnapshotWriter(Stream stream)
    {
        _stream = stream;
        Span<byte> header = stackalloc byte[8];
        BitConverter.TryWriteBytes(header, SnapshotFormat.Magic);
        BitConverter.TryWriteBytes(header[4..], SnapshotFormat.Version);
        stream.Write(header);
        _payload = new ChecksumStream(stream);
        _writer = new BinaryWriter(new BufferedStream(_payload, 1 << 16), Encoding.UTF8, leaveOpen: false);
    }

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

    /// <summary>Flushes the payload and writes the trailer; the snapshot is unreadable without it.</summary>
    public void Complete()
    {
        _writer.Flush();
        Span<byte> trailer = stackalloc byte[12];
        BitConverter.TryWriteBytes(trailer, _payload.Length);
        BitConverter.TryWriteBytes(trailer[8..], _payload.Crc);
        _stream.Write(trailer);
        _stream.Flush();
    }

    private void WriteArray<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        _writer.Write(values.Length);
        _writer.Write(MemoryMarshal.AsBytes(values));
    }

    // Passes bytes through while counting them and updating the CRC.
    private sealed class ChecksumStream(Stream inner) : Stream
    {
        private uint _crc = Crc32.Initial;

        public uint Crc => Crc32.Finish(_crc);
        public override long Length => _length;
        private long _length;

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _crc = Crc32.Update(_crc, buffer);
            _length += buffer.Length;
            inner.Write(buffer);
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Flush() => inner.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
