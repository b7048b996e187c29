using HtmCloud.Htm.Snapshots;

namespace HtmCloud.Grains.Durability;

/// <summary>
/// A model's whole state in one blob: the sequence number it covers, ordering and group-exchange state, and
/// every pool's engine snapshot — framed by the engine's snapshot format (magic, version, CRC-32).
/// </summary>
public sealed record ModelCheckpoint(long Seq, DateTime? LastTimestamp, int[][] PreviousWinners, byte[][] Pools)
{
    public const int FormatVersion = SnapshotFormat.Version;

    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        var w = new SnapshotWriter(stream);
        w.Section("model-checkpoint");
        w.Write(Seq);
        w.Write(LastTimestamp?.Ticks ?? -1);
        w.Write(Pools.Length);
        for (int p = 0; p < Pools.Length; p++)
        {
            w.Write(PreviousWinners[p]);
            w.Write(Pools[p]);
        }
        w.Complete();
        return stream.ToArray();
    }

    /// <exception cref="SnapshotFormatException">Truncated, corrupt, newer, or for another number of pools.</exception>
    public static ModelCheckpoint Decode(byte[] data, int expectedPools)
    {
        var r = new SnapshotReader(new MemoryStream(data));
        r.Section("model-checkpoint");
        long seq = r.ReadLong(), ticks = r.ReadLong();
        int pools = r.ReadInt();
        if (pools != expectedPools) throw new SnapshotFormatException($"Checkpoint holds {pools} pools, the model has {expectedPools}.");
        var winners = new int[pools][];
        var snapshots = new byte[pools][];
        for (int p = 0; p < pools; p++)
        {
            winners[p] = r.ReadIntArray();
            snapshots[p] = r.ReadByteArray();
        }
        r.End();
        return new ModelCheckpoint(seq, ticks < 0 ? null : new DateTime(ticks, DateTimeKind.Utc), winners, snapshots);
    }
}
