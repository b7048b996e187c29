using HtmCloud.Contracts.Graphs;
using HtmCloud.Htm.Models;
using HtmCloud.Htm.Utils;

namespace HtmCloud.Grains.Graphs;

/// <summary>
/// Turns a submitted <see cref="PoolGraphDocument"/> into the engine's graph, reporting every problem at once
/// with its JSON path (<c>pools[1].temporalMemory.cellsPerColumn</c>), including the size caps.
/// </summary>
public static class GraphCompiler
{
    public static (CompiledGraph? Graph, IReadOnlyList<ParameterError> Errors) Compile(PoolGraphDocument? document, GraphLimits? limits = null)
    {
        try
        {
            return CompileChecked(document, limits ?? GraphLimits.Default);
        }
        catch (Exception e) when (e is NullReferenceException or ArgumentException or InvalidOperationException or OverflowException)
        {
            // A null or absurd value that a check above did not foresee is still the caller's input error.
            return (null, [new ParameterError("graph", $"is invalid: {e.Message}")]);
        }
    }

    private static (CompiledGraph? Graph, IReadOnlyList<ParameterError> Errors) CompileChecked(PoolGraphDocument? document, GraphLimits limits)
    {
        var c = new ParameterChecks();
        if (document is null) return (null, [new ParameterError("graph", "is required")]);
        c.Require(document.Version == 1, "version", "must be 1");
        CheckFields(document, limits, c);
        c.Require(document.Pools is { Count: > 0 }, "pools", "must hold at least one pool");
        c.Require(document.Pools is null || document.Pools.Count <= limits.MaxPools, "pools", $"must hold at most {limits.MaxPools} pools");
        var pools = document.Pools ?? [];
        for (int i = 0; i < pools.Count; i++) CheckPool(document, pools[i], $"pools[{i}]", limits, c);
        c.Require(document.Outputs is not null, "outputs", "must be an object (leave it out for the defaults)");
        if (document.Outputs?.AnomalyPool is { } anomalyPool)
            c.Require(pools.Any(p => p?.Name == anomalyPool), "outputs.anomalyPool", $"names no pool '{anomalyPool}'");
        if (document.TimestampField is { } ts)
            c.Require(document.Fields?.Any(f => f?.Name == ts && f.Type == GraphFieldType.DateTime) == true, "timestampField", "must name a datetime field");
        if (c.Errors.Count > 0) return (null, [.. c.Errors, .. EngineErrorsBeside(pools, c.Errors)]);

        var parameters = new PoolGraphParameters { Pools = pools.Select(ToDefinition).ToArray() };
        var engineErrors = parameters.Validate().Select(Rename).ToArray();
        if (engineErrors.Length > 0) return (null, engineErrors);
        var plan = new PoolGraphPlan(parameters);
        long cells = plan.CellCounts.Sum(n => (long)n);
        if (cells > limits.MaxCellsPerGraph) return (null, [new ParameterError("pools", $"hold {cells} cells in all, at most {limits.MaxCellsPerGraph} are allowed")]);
        for (int i = 0; i < plan.PoolCount; i++)
        {
            var model = plan.ModelOf(i);
            long inputs = model.Fields.Count > 0 ? EncodedSize(model) : model.InputSize;
            int shards = pools[i].Shards ?? 1;
            long synapses = (long)(inputs * HtmModelParameters.ColumnCountOf(model.SpatialPooler) * model.SpatialPooler.PotentialPct) / shards;
            if (model.SpatialPooler.PotentialRadius is null && synapses > limits.MaxPotentialSynapsesPerPool)
                return (null, [new ParameterError($"pools[{i}].spatialPooler.potentialPct", $"gives {synapses:N0} potential synapses per {(shards > 1 ? "shard" : "pool")}, at most {limits.MaxPotentialSynapsesPerPool:N0} are allowed (lower potentialPct, set potentialRadius, use fewer columns or more shards)")]);
        }
        return (new CompiledGraph(document, plan), []);
    }

    private static void CheckFields(PoolGraphDocument document, GraphLimits limits, ParameterChecks c)
    {
        var fields = document.Fields ?? [];
        c.Require(fields.Count > 0, "fields", "must declare at least one record field");
        c.Require(fields.Count <= limits.MaxFields, "fields", $"must declare at most {limits.MaxFields} fields");
        var names = new HashSet<string>();
        for (int i = 0; i < fields.Count; i++)
        {
            c.Require(!string.IsNullOrWhiteSpace(fields[i]?.Name), $"fields[{i}].name", "must be a non-empty name");
            c.Require(fields[i] is null || names.Add(fields[i].Name), $"fields[{i}].name", "must be unique");
            c.Require(fields[i] is null || Enum.IsDefined(fields[i].Type), $"fields[{i}].type", "must be number, dateTime, category or text");
        }
    }

    private static void CheckPool(PoolGraphDocument document, PoolSpec? pool, string at, GraphLimits limits, ParameterChecks c)
    {
        if (pool is null) { c.Require(false, at, "must be a pool"); return; }
        var encoders = pool.Encoders ?? [];
        for (int e = 0; e < encoders.Count; e++)
        {
            var encoder = encoders[e];
            if (encoder is null) { c.Require(false, $"{at}.encoders[{e}]", "must be an encoder"); continue; }
            var field = document.Fields?.FirstOrDefault(f => f?.Name == encoder.Name);
            c.Require(field is not null, $"{at}.encoders[{e}].name", $"names no record field '{encoder.Name}'");
            if (field is not null) c.Require(Accepts(field.Type, encoder), $"{at}.encoders[{e}]", $"cannot encode a {field.Type} field");
            int size = encoder.Scalar?.Size ?? encoder.Rdse?.Size ?? encoder.Text?.Size ?? encoder.Category?.Size ?? 0;
            c.Require(size <= limits.MaxEncoderBits, $"{at}.encoders[{e}]", $"must have at most {limits.MaxEncoderBits} bits");
        }
        c.Require(pool.Input is null || encoders.Count == 0, $"{at}.input", "must be absent when the pool has encoders");
        var sp = pool.SpatialPooler;
        var tm = pool.TemporalMemory;
        c.Require(sp is not null, $"{at}.spatialPooler", "must be an object");
        c.Require(tm is not null, $"{at}.temporalMemory", "must be an object");
        int shards = pool.Shards ?? 1;
        if (pool.Shards is int n)
        {
            c.Require(n >= 1 && n <= limits.MaxShardsPerPool, $"{at}.shards", $"must be 1..{limits.MaxShardsPerPool}");
            c.Require(sp is null || sp.GlobalInhibition, $"{at}.shards", "needs global inhibition (spatialPooler.globalInhibition: true): local inhibition compares neighbours across shard borders");
            shards = Math.Clamp(n, 1, limits.MaxShardsPerPool);
        }
        if (sp?.ColumnDimensions is { Length: > 0 } dims && dims.All(d => d > 0))
        {
            long columns = dims.Aggregate(1L, (a, b) => a * b);
            long cap = (long)limits.MaxColumnsPerPool * shards;
            c.Require(columns <= cap, $"{at}.spatialPooler.columnDimensions", pool.Shards is null
                ? $"must give at most {limits.MaxColumnsPerPool} columns (or shard the pool)"
                : $"must give at most {cap} columns ({limits.MaxColumnsPerPool} per shard)");
            if (pool.Shards is int s1) c.Require(s1 <= columns, $"{at}.shards", $"must not exceed the pool's {columns} columns");
        }
        if (tm is not null)
        {
            c.Require(tm.CellsPerColumn <= limits.MaxCellsPerColumn, $"{at}.temporalMemory.cellsPerColumn", $"must be 1..{limits.MaxCellsPerColumn}");
            c.Require(tm.MaxSegmentsPerCell <= limits.MaxSegmentsPerCell, $"{at}.temporalMemory.maxSegmentsPerCell", $"must be 1..{limits.MaxSegmentsPerCell}");
            c.Require(tm.MaxSynapsesPerSegment <= limits.MaxSynapsesPerSegment, $"{at}.temporalMemory.maxSynapsesPerSegment", $"must be 1..{limits.MaxSynapsesPerSegment}");
            c.Require(tm.ExternalInputSize == 0, $"{at}.temporalMemory.externalInputSize", "is set from the pool's group; leave it out");
        }
        if (pool.Predictor is { } predictor)
        {
            c.Require(predictor.Steps is null || predictor.Steps.All(s => s <= limits.MaxPredictionSteps), $"{at}.predictor.steps", $"must each be 0..{limits.MaxPredictionSteps}");
            c.Require(predictor.MaxBuckets <= limits.MaxPredictorBuckets, $"{at}.predictor.maxBuckets", $"must be 1..{limits.MaxPredictorBuckets}");
        }
    }

    // The engine's own checks of a graph the checks above already refused, so every problem is reported at once;
    // paths those checks already name are left to them. Skipped when a pool is too broken to describe to the engine.
    private static IEnumerable<ParameterError> EngineErrorsBeside(IReadOnlyList<PoolSpec> pools, IReadOnlyList<ParameterError> found)
    {
        if (pools.Any(p => p?.SpatialPooler is null || p.TemporalMemory is null || p.Encoders is null || p.Encoders.Any(e => e is null)))
            return [];
        try
        {
            var named = found.Select(e => e.Field).ToHashSet();
            var parameters = new PoolGraphParameters { Pools = pools.Select(ToDefinition).ToArray() };
            return parameters.Validate().Select(Rename).Where(e => !named.Contains(e.Field)).ToArray();
        }
        catch (Exception e) when (e is NullReferenceException or ArgumentException or InvalidOperationException or OverflowException)
        {
            return [];
        }
    }

    private static bool Accepts(GraphFieldType type, FieldEncoderSpec encoder) => type switch
    {
        GraphFieldType.Number => encoder.Scalar is not null || encoder.Rdse is not null,
        GraphFieldType.DateTime => encoder.DateTime is not null,
        _ => encoder.Category is not null || encoder.Text is not null,
    };

    private static PoolDefinition ToDefinition(PoolSpec pool) => new()
    {
        Name = pool.Name,
        InputPool = pool.Input?.Pool,
        InputKind = pool.Input?.Kind ?? PoolInputKind.ActiveColumns,
        Group = pool.Group,
        Model = new HtmModelParameters
        {
            Fields = pool.Encoders,
            SpatialPooler = pool.SpatialPooler,
            TemporalMemory = pool.TemporalMemory,
            Likelihood = pool.Likelihood,
            Predictor = pool.Predictor,
            MetricField = pool.MetricField,
            SpatialTolerance = pool.SpatialTolerance,
        },
    };

    // Engine paths say pools[i].model.fields[j] and pools[i].inputPool; the document says encoders and input.pool.
    private static ParameterError Rename(ParameterError e)
    {
        string field = e.Field.Replace(".model.fields", ".encoders").Replace(".model.", ".").Replace(".inputPool", ".input.pool");
        return e with { Field = field };
    }

    private static long EncodedSize(HtmModelParameters model) =>
        new HtmCloud.Htm.Encoders.MultiEncoder(model.Fields.Select(f => f.Build())).Size;
}
