using HtmCloud.Htm.Snapshots;

namespace HtmCloud.Grains.Pools;

/// <summary>A sharded pool's snapshot: the pool-level state and every shard's, taken between two records, in one framed blob.</summary>
public sealed record ShardedPoolSnapshot(byte[] Pool, byte[][] Shards)
{
    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        var w = new SnapshotWriter(stream);
        w.Section("sharded-pool");
        w.Write(Pool);
        w.Write(Shards.Length);
        foreach (var shard in Shards) w.Write(shard);
        w.Complete();
        return stream.ToArray();
    }

    /// <exception cref="SnapshotFormatException">Truncated, corrupt, newer, or for another shard count.</exception>
    public static ShardedPoolSnapshot Decode(byte[] data, int expectedShards)
    {
        var r = new SnapshotReader(new MemoryStream(data));
        r.Section("sharded-pool");
        var pool = r.ReadByteArray();
        int count = r.ReadInt();
        if (count != expectedShards) throw new SnapshotFormatException($"Snapshot holds {count} shards, the pool has {expectedShards}.");
        var shards = new byte[count][];
        for (int i = 0; i < count; i++) shards[i] = r.ReadByteArray();
        r.End();
        return new ShardedPoolSnapshot(pool, shards);
    }
}
