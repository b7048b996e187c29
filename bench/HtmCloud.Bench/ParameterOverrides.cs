using System.Globalization;
using System.Reflection;
using HtmCloud.Htm.Models;

namespace HtmCloud.Bench;

/// <summary>
/// `--set sp.SynPermConnected=0.15 --set tm.PredictedSegmentDecrement=0.004 …`: experiment overrides of the
/// model parameters (prefixes model, sp, tm, lh, rdse, time), applied by reflection to copies of the records.
/// </summary>
internal sealed class ParameterOverrides
{
    private readonly List<(string Target, string Property, string Value)> _items = [];

    public static ParameterOverrides Parse(string[] args)
    {
        var result = new ParameterOverrides();
        for (int i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] != "--set") continue;
            var (key, value) = (args[i + 1][..args[i + 1].IndexOf('=')], args[i + 1][(args[i + 1].IndexOf('=') + 1)..]);
            result._items.Add((key[..key.IndexOf('.')], key[(key.IndexOf('.') + 1)..], value));
        }
        return result;
    }

    public override string ToString() => _items.Count == 0 ? "none" : string.Join(' ', _items.Select(i => $"{i.Target}.{i.Property}={i.Value}"));

    public HtmModelParameters Apply(HtmModelParameters p)
    {
        foreach (var (target, property, value) in _items)
        {
            p = target switch
            {
                "model" => Set(p, property, value),
                "sp" => p with { SpatialPooler = Set(p.SpatialPooler, property, value) },
                "tm" => p with { TemporalMemory = Set(p.TemporalMemory, property, value) },
                "lh" => p with { Likelihood = Set(p.Likelihood!, property, value) },
                "rdse" => p with { Fields = [p.Fields[0] with { Rdse = Set(p.Fields[0].Rdse!, property, value) }, .. p.Fields.Skip(1)] },
                "time" => p with { Fields = [p.Fields[0], p.Fields[1] with { DateTime = Set(p.Fields[1].DateTime!, property, value) }] },
                _ => throw new ArgumentException($"Unknown override target '{target}'."),
            };
        }
        return p;
    }

    private static T Set<T>(T record, string property, string value) where T : class
    {
        var copy = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(record, null)!;
        var info = typeof(T).GetProperty(property, BindingFlags.Public | BindingFlags.Instance) ?? throw new ArgumentException($"{typeof(T).Name} has no property {property}.");
        var type = Nullable.GetUnderlyingType(info.PropertyType) ?? info.PropertyType;
        info.SetValue(copy, type == typeof(int[]) ? value.Split('x').Select(int.Parse).ToArray() : Convert.ChangeType(value, type, CultureInfo.InvariantCulture));
        return copy;
    }
}
