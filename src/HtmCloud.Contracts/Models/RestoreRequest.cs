namespace HtmCloud.Contracts.Models;

/// <summary><c>{"checkpointId":"…","confirm":true}</c>: continue from that checkpoint, discarding later records.</summary>
public sealed record RestoreRequest(Guid CheckpointId, bool Confirm);
