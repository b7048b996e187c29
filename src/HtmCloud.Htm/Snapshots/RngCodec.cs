using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Snapshots;

/// <summary>Saves and restores a generator's four state words.</summary>
internal static class RngCodec
{
    public static void Write(SnapshotWriter w, Rng rng)
    {
        var (s0, s1, s2, s3) = rng.State;
        w.Write(s0); w.Write(s1); w.Write(s2); w.Write(s3);
    }

    public static Rng Read(SnapshotReader r)
    {
        try
        {
            return Rng.FromState(r.ReadULong(), r.ReadULong(), r.ReadULong(), r.ReadULong());
        }
        catch (ArgumentException e)
        {
            throw new SnapshotFormatException(e.Message);
        }
    }
}
