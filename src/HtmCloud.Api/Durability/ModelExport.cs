using HtmCloud.Htm.Snapshots;

namespace HtmCloud.Api.Durability;

/// <summary>
/// The export file: a model's name, graph JSON and one checkpoint, framed by the engine's snapshot format
/// (magic, version, CRC-32), so it can be imported into any tenant on any instance.
/// </summary>
public sealed record ModelExport(string Name, string GraphJson, long Seq, byte[] Checkpoint)
{
    public const string ContentType = "application/vnd.htmcloud.model";

    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        var w = new SnapshotWriter(stream);
        w.Section("htmcloud-model-export");
        w.Write(Name);
        w.Write(GraphJson);
        w.Write(Seq);
        w.Write(Checkpoint);
        w.Complete();
        return stream.ToArray();
    }

    /// <exception cref="SnapshotFormatException">Not an export file, truncated, corrupt or from a newer version.</exception>
    public static ModelExport Decode(Stream stream)
    {
        var r = new SnapshotReader(stream);
        r.Section("htmcloud-model-export");
        var export = new ModelExport(r.ReadString(), r.ReadString(), r.ReadLong(), r.ReadByteArray());
        r.End();
        return export;
    }
}
