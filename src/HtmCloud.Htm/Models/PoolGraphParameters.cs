using HtmCloud.Htm.Utils;

namespace HtmCloud.Htm.Models;

/// <summary>A graph of pools: record fields feed some pools, pools may feed others and may form groups.</summary>
public sealed record PoolGraphParameters
{
    public IReadOnlyList<PoolDefinition> Pools { get; init; } = [];

    public IReadOnlyList<ParameterError> Validate()
    {
        var c = new ParameterChecks();
        c.Require(Pools.Count > 0, "pools", "must hold at least one pool");
        var names = new HashSet<string>();
        for (int i = 0; i < Pools.Count; i++)
        {
            var pool = Pools[i];
            string at = $"pools[{i}]";
            c.Require(!string.IsNullOrWhiteSpace(pool.Name), $"{at}.name", "must be a non-empty name");
            c.Require(names.Add(pool.Name), $"{at}.name", "must be unique");
            if (pool.InputPool is null)
            {
                c.Require(pool.Model.Fields.Count > 0, $"{at}.model.fields", "must name at least one field when the pool has no inputPool");
                c.Nested($"{at}.model", pool.Model.Validate());
            }
            else
            {
                c.Require(pool.Model.Fields.Count == 0, $"{at}.model.fields", "must be empty when the pool reads another pool");
                c.Require(pool.Model.Predictor is null, $"{at}.model.predictor", "is only available on pools that encode fields");
                c.Require(pool.InputPool != pool.Name, $"{at}.inputPool", "must name another pool");
                c.Require(Pools.Any(p => p.Name == pool.InputPool), $"{at}.inputPool", $"names no pool '{pool.InputPool}'");
                c.Nested($"{at}.model", (pool.Model with { InputSize = 1 }).Validate());
            }
        }
        if (c.Errors.Count == 0 && TopologicalOrder() is null) c.Require(false, "pools", "inputPool links form a cycle");
        return c.Errors;
    }

    /// <summary>Pool indices with every pool after the pool that feeds it; null when there is a cycle.</summary>
    internal int[]? TopologicalOrder()
    {
        var order = new List<int>();
        var state = new byte[Pools.Count];
        bool Visit(int i)
        {
            if (state[i] == 2) return true;
            if (state[i] == 1) return false;
            state[i] = 1;
            string? source = Pools[i].InputPool;
            if (source is not null)
            {
                int s = IndexOf(source);
                if (s < 0 || !Visit(s)) return false;
            }
            state[i] = 2;
            order.Add(i);
            return true;
        }
        for (int i = 0; i < Pools.Count; i++)
            if (!Visit(i)) return null;
        return order.ToArray();
    }

    /// <summary>Index of the pool named <paramref name="name"/>, or −1.</summary>
    public int IndexOf(string name)
    {
        for (int i = 0; i < Pools.Count; i++)
            if (Pools[i].Name == name) return i;
        return -1;
    }
}
