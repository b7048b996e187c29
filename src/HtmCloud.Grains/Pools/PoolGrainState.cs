using HtmCloud.Htm.Encoders;
using HtmCloud.Htm.Models;
using HtmCloud.Htm.Sdrs;

namespace HtmCloud.Grains.Pools;

/// <summary>A pool's in-memory state: its engine model and reusable input buffers.</summary>
public sealed class PoolGrainState(HtmModel model)
{
    public HtmModel Model { get; } = model;
    public FieldValue[] Record { get; } = new FieldValue[model.Parameters.Fields.Count];
    public Sdr Feed { get; } = new(model.InputSize);
}
