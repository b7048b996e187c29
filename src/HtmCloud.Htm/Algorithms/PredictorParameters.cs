using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Algorithms;

/// <summary>Parameters of <see cref="Predictor"/>, the multi-step SDR classifier.</summary>
public sealed record PredictorParameters
{
    /// <summary>Largest step count accepted; the predictor keeps that many past patterns.</summary>
    public const int MaxSteps = 1024;

    /// <summary>The defaults listed on each property.</summary>
    public static PredictorParameters Default { get; } = new();

    /// <summary>
    /// How many records ahead to predict, one prediction each; distinct, 0..1024 (0 classifies the current record).
    /// Default [1].
    /// </summary>
    public IReadOnlyList<int> Steps { get; init; } = [1];

    /// <summary>
    /// Learning rate of the softmax weights. Default 0.01: with ~40 active bits a pattern's logits move by up
    /// to ~0.4 per record, so a short repeating sequence is learned within a few hundred records without the
    /// estimate swinging on every noisy record.
    /// </summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>Width of a value bucket: a value v falls in bucket floor(v / resolution). Default 1.</summary>
    public double Resolution { get; init; } = 1.0;

    /// <summary>
    /// Most distinct buckets kept; once reached, a value in an unseen bucket is learned as the nearest known
    /// bucket. Default 1000.
    /// </summary>
    public int MaxBuckets { get; init; } = 1000;

    /// <summary>Every invalid field, with camelCase names.</summary>
    public IReadOnlyList<ParameterError> Validate()
    {
        var c = new ParameterChecks();
        c.Require(Steps is { Count: > 0 }, "steps", "must list at least one step count");
        if (Steps is not null)
        {
            bool inRange = true, distinct = true;
            for (int i = 0; i < Steps.Count; i++)
            {
                if (Steps[i] is < 0 or > MaxSteps) inRange = false;
                for (int j = 0; j < i; j++) if (Steps[j] == Steps[i]) distinct = false;
            }
            c.Require(inRange, "steps", $"must each be 0..{MaxSteps}");
            c.Require(distinct, "steps", "must not repeat a step count");
            c.Require(Steps.Count <= 64, "steps", "must list at most 64 step counts");
        }
        c.Require(Alpha > 0 && Alpha <= 1, "alpha", "must be above 0 and at most 1");
        c.Require(Resolution > 0 && double.IsFinite(Resolution), "resolution", "must be a finite number above 0");
        c.InRange(MaxBuckets, 1, 1 << 20, "maxBuckets");
        return c.Errors;
    }

    /// <summary>Value equality, comparing <see cref="Steps"/> element by element.</summary>
    public bool Equals(PredictorParameters? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (Alpha != other.Alpha || Resolution != other.Resolution || MaxBuckets != other.MaxBuckets) return false;
        if (Steps.Count != other.Steps.Count) return false;
        for (int i = 0; i < Steps.Count; i++) if (Steps[i] != other.Steps[i]) return false;
        return true;
    }

    /// <summary>Hash consistent with <see cref="Equals(PredictorParameters?)"/>.</summary>
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Alpha);
        h.Add(Resolution);
        h.Add(MaxBuckets);
        foreach (int s in Steps) h.Add(s);
        return h.ToHashCode();
    }
}
