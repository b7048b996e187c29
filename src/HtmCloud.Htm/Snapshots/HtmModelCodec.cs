using HtmCloud.Htm.Models;

namespace HtmCloud.Htm.Snapshots;

/// <summary>Saves and restores one pool: step count, pooler, memory, likelihood, predictor.</summary>
internal static class HtmModelCodec
{
    public static void Write(SnapshotWriter w, HtmModel model)
    {
        w.Section("model");
        w.Write(model.StepCount);
        w.Write(model.Result.Likelihood);
        w.Write(model.Result.Input.Sparse);
        w.Write(model.Result.ActiveColumns.Sparse);
        SpatialPoolerCodec.Write(w, model.SpatialPooler);
        TemporalMemoryCodec.Write(w, model.TemporalMemory);
        w.Write(model.Likelihood is not null);
        if (model.Likelihood is not null) AnomalyLikelihoodCodec.Write(w, model.Likelihood);
        w.Write(model.Predictor is not null);
        if (model.Predictor is not null) PredictorCodec.Write(w, model.Predictor);
        w.Write(model.Spatial is not null);
        if (model.Spatial is not null)
        {
            w.Write(model.Spatial.Minimum);
            w.Write(model.Spatial.Maximum);
        }
        w.Write(model.Result.AnomalyScore);
        w.Write(model.Result.OutOfRange);
    }

    public static void Read(SnapshotReader r, HtmModel model)
    {
        r.Section("model");
        model.StepCount = r.ReadLong();
        double likelihood = r.ReadDouble();
        var input = r.ReadIntArray();
        var columns = r.ReadIntArray();
        try
        {
            model.Result.Input.SetSparse(input);
            model.Result.ActiveColumns.SetSparse(columns);
        }
        catch (ArgumentException e)
        {
            throw new SnapshotFormatException($"Snapshot is corrupt or for other parameters: {e.Message}");
        }
        SpatialPoolerCodec.Read(r, model.SpatialPooler);
        TemporalMemoryCodec.Read(r, model.TemporalMemory);
        if (r.ReadBool() != (model.Likelihood is not null)) throw new SnapshotFormatException("Snapshot and model disagree on whether the likelihood is on.");
        if (model.Likelihood is not null) AnomalyLikelihoodCodec.Read(r, model.Likelihood);
        if (r.ReadBool() != (model.Predictor is not null)) throw new SnapshotFormatException("Snapshot and model disagree on whether the predictor is on.");
        if (model.Predictor is not null) PredictorCodec.Read(r, model.Predictor);
        if (r.ReadBool() != (model.Spatial is not null)) throw new SnapshotFormatException("Snapshot and model disagree on whether the spatial rule is on.");
        if (model.Spatial is not null)
        {
            model.Spatial.Minimum = r.ReadDouble();
            model.Spatial.Maximum = r.ReadDouble();
        }
        model.LastLikelihood = likelihood;
        model.Result.AnomalyScore = r.ReadDouble();
        model.Result.OutOfRange = r.ReadBool();
    }
}
