namespace HtmCloud.Htm.Snapshots;

/// <summary>Constants of the snapshot framing.</summary>
public static class SnapshotFormat
{
    /// <summary>"HTMS" little-endian.</summary>
    public const uint Magic = 0x534D5448;

    /// <summary>Format version written by this engine; readers refuse anything newer.</summary>
    /// Version 2: per-(step, column) generators instead of one memory generator, segment creation steps, column ranges.
    public const int Version = 2;
}
