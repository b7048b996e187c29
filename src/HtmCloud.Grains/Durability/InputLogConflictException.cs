namespace HtmCloud.Grains.Durability;

/// <summary>
/// The input log already holds a batch at this sequence number: another activation of the model moved it on (the
/// old one ran on a node the cluster has since given up on). This activation is behind; a retry reaches the current one.
/// </summary>
[GenerateSerializer]
public sealed class InputLogConflictException : Exception
{
    public InputLogConflictException(Guid modelId, long firstSeq)
        : base($"Model {modelId} already logged records from seq {firstSeq}: another activation moved it on.") => (ModelId, FirstSeq) = (modelId, firstSeq);

    [Id(0)] public Guid ModelId { get; init; }

    [Id(1)] public long FirstSeq { get; init; }
}
