namespace HtmCloud.Htm.Snapshots;

/// <summary>A snapshot that is truncated, corrupt, of a newer format version, or for other parameters.</summary>
public sealed class SnapshotFormatException(string message) : Exception(message);
