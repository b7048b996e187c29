using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HtmCloud.Api.Tests.Fuzz;

/// <summary>
/// Random, seeded mutations of a valid JSON document: keys dropped, duplicated or renamed; values of the wrong
/// type, huge, negative, zero, null; arrays grown or emptied; nodes swapped; deep nesting; hostile strings.
/// Produces JSON text (some mutations, e.g. duplicate keys, deep nesting or lone surrogates, exist only as text).
/// </summary>
public sealed class JsonMutator(Random random)
{
    private static readonly double[] Numbers =
    [
        0, -0.0, 1, -1, 2, 0.5, -0.5, 3.75, 7, 64, 65, 128, 255, 256, 1000, 1001, 16_384, 16_385, 65_536, 1e6, 1e9,
        int.MaxValue, int.MinValue, 2_147_483_648d, -2_147_483_649d, 9_007_199_254_740_993d, 1e18, 1e19, 1e38, 1e300,
        1e308, -1e308, 1.7976931348623157e308, 5e-324, 1e-300, -1e-7, 0.999999, 1.0000001,
    ];

    private static readonly string[] Specials =
    [
        "", " ", "\0", "a\0b", "\u0001\u001f", "\"", "\\", "\n\r\t", "null", "true", "NaN", "Infinity", "-Infinity",
        "1e400", "0x10", "2026-01-01T00:00:00Z", "2026-13-45T99:99:99Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
        "yesterday", "éà中文😀", "\u202e\u200b\ufeff", "${jndi:x}", "'; DROP TABLE models; --", "<script>", "../../etc/passwd",
        "scalar-anomaly", "multi-field-group", "number", "dateTime", "category", "text", "activeColumns", "winnerCells",
        "value", "timestamp", "main", "a", "b", "c",
    ];

    private int _placeholders;
    private readonly Dictionary<string, string> _textSubstitutions = [];

    /// <summary>Applies 1..<paramref name="maxMutations"/> mutations to a copy of <paramref name="document"/> and returns its text.</summary>
    public string Mutate(JsonNode document, int maxMutations = 3)
    {
        _textSubstitutions.Clear();
        JsonNode? root = document.DeepClone();
        int count = 1 + random.Next(maxMutations);
        for (int i = 0; i < count; i++) root = MutateOnce(root);
        string text = root is null ? "null" : root.ToJsonString();
        foreach (var (placeholder, replacement) in _textSubstitutions) text = text.Replace(placeholder, replacement);
        return text;
    }

    /// <summary>A random string: usually short and printable, sometimes control characters, unicode or long.</summary>
    public string RandomString()
    {
        switch (random.Next(10))
        {
            case 0: return Specials[random.Next(Specials.Length)];
            case 1: return new string('x', random.Next(100, 5_000));
            case 2:
            {
                var chars = new char[random.Next(1, 40)];
                for (int i = 0; i < chars.Length; i++) chars[i] = (char)random.Next(0, 0xD7FF);
                return new string(chars);
            }
            default:
            {
                const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-. ";
                var chars = new char[random.Next(0, 24)];
                for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
                return new string(chars);
            }
        }
    }

    public JsonNode? RandomValue(int depth = 0)
    {
        switch (random.Next(depth > 2 ? 5 : 8))
        {
            case 0: return null;
            case 1: return JsonValue.Create(random.Next(2) == 0);
            case 2: return JsonValue.Create(Numbers[random.Next(Numbers.Length)]);
            case 3: return JsonValue.Create(random.Next(-5, 300));
            case 4: return JsonValue.Create(RandomString());
            case 5: return new JsonArray(Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(depth + 1)).ToArray());
            case 6:
            {
                var o = new JsonObject();
                for (int i = random.Next(4); i > 0; i--) o[RandomString()] = RandomValue(depth + 1);
                return o;
            }
            default: return JsonValue.Create(Specials[random.Next(Specials.Length)]);
        }
    }

    private JsonNode? MutateOnce(JsonNode? root)
    {
        if (root is null || random.Next(40) == 0) return RandomValue();
        var slots = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(root, slots);
        if (slots.Count == 0) return RandomValue();
        var (parent, key, index) = slots[random.Next(slots.Count)];
        JsonNode? current = key is not null ? parent[key] : parent[index];
        switch (random.Next(12))
        {
            case 0: // drop
                if (key is not null) parent.AsObject().Remove(key);
                else parent.AsArray().RemoveAt(index);
                break;
            case 1: // duplicate the key (text only): the same property written twice, maybe with another value
                if (key is not null)
                {
                    string placeholder = Placeholder();
                    parent.AsObject()[placeholder] = random.Next(2) == 0 ? current?.DeepClone() : RandomValue();
                    _textSubstitutions[JsonSerializer.Serialize(placeholder)] = JsonSerializer.Serialize(key);
                }
                else parent.AsArray().Insert(index, current?.DeepClone());
                break;
            case 2: // rename
                if (key is not null)
                {
                    parent.AsObject().Remove(key);
                    string renamed = random.Next(3) switch { 0 => key.ToUpperInvariant(), 1 => key + "s", _ => RandomString() };
                    parent.AsObject()[renamed] = current;
                }
                break;
            case 3: // null
                Set(parent, key, index, null);
                break;
            case 4: // a number at the edges
                Set(parent, key, index, JsonValue.Create(Numbers[random.Next(Numbers.Length)] * (random.Next(4) == 0 ? -1 : 1)));
                break;
            case 5: // a value of another JSON type
                Set(parent, key, index, RandomValue());
                break;
            case 6: // a hostile string
                Set(parent, key, index, JsonValue.Create(RandomString()));
                break;
            case 7: // deep nesting (text only: JsonNode refuses to hold it)
            {
                string placeholder = Placeholder();
                Set(parent, key, index, JsonValue.Create(placeholder));
                int depth = random.Next(2) == 0 ? random.Next(2, 60) : random.Next(60, 3_000);
                bool arrays = random.Next(2) == 0;
                var deep = new StringBuilder();
                for (int d = 0; d < depth; d++) deep.Append(arrays ? "[" : "{\"k\":");
                deep.Append('1');
                for (int d = 0; d < depth; d++) deep.Append(arrays ? ']' : '}');
                _textSubstitutions[JsonSerializer.Serialize(placeholder)] = deep.ToString();
                break;
            }
            case 8: // a lone surrogate or an invalid escape (text only)
            {
                string placeholder = Placeholder();
                Set(parent, key, index, JsonValue.Create(placeholder));
                _textSubstitutions[JsonSerializer.Serialize(placeholder)] = random.Next(3) switch { 0 => "\"\\ud800\"", 1 => "\"\\udc00x\"", _ => "\"\\u12\"" };
                break;
            }
            case 9: // grow or empty an array
                if (current is JsonArray array)
                {
                    if (random.Next(2) == 0) array.Clear();
                    else if (array.Count > 0) for (int i = random.Next(1, 12); i > 0; i--) array.Add(array[random.Next(array.Count)]?.DeepClone());
                }
                else Set(parent, key, index, new JsonArray(current?.DeepClone()));
                break;
            case 10: // swap with another node of the document
            {
                var (otherParent, otherKey, otherIndex) = slots[random.Next(slots.Count)];
                var other = otherKey is not null ? otherParent[otherKey] : otherParent[otherIndex];
                if (!ReferenceEquals(other, current) && !Contains(current, other) && !Contains(other, current))
                    Set(parent, key, index, other?.DeepClone());
                break;
            }
            default: // an extra, unknown property
                if (current is JsonObject obj) obj[RandomString()] = RandomValue();
                else if (key is not null) parent.AsObject()[RandomString()] = RandomValue();
                break;
        }
        return root;
    }

    private string Placeholder() => $"__fuzz_{_placeholders++}__";

    private static void Set(JsonNode parent, string? key, int index, JsonNode? value)
    {
        if (key is not null) parent.AsObject()[key] = value;
        else parent.AsArray()[index] = value;
    }

    private static bool Contains(JsonNode? outer, JsonNode? inner)
    {
        for (var node = inner?.Parent; node is not null; node = node.Parent)
            if (ReferenceEquals(node, outer)) return true;
        return false;
    }

    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> slots)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToArray())
                {
                    slots.Add((o, key, -1));
                    if (child is not null) Collect(child, slots);
                }
                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++)
                {
                    slots.Add((a, null, i));
                    if (a[i] is { } child) Collect(child, slots);
                }
                break;
        }
    }
}
