using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace HtmCloud.Api.Tests.Hosting;

/// <summary>
/// docker-compose.yml at the repository root, read with YamlDotNet: its services and, for the HtmCloud nodes (the
/// services built from infra/Dockerfile), the environment they get, with <c>${VAR:-default}</c> interpolated as
/// Compose does from a given set of variables.
/// </summary>
public sealed partial class ComposeFile
{
    public const string NodeDockerfile = "infra/Dockerfile";

    private readonly YamlMappingNode _services;

    private ComposeFile(string path, YamlMappingNode services) => (Path, _services) = (path, services);

    public string Path { get; }

    public IEnumerable<string> Services => _services.Children.Keys.Select(k => ((YamlScalarNode)k).Value!);

    public static ComposeFile Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(path)) stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return new ComposeFile(path, (YamlMappingNode)root.Children[new YamlScalarNode("services")]);
    }

    public static string RepositoryPath(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "HtmCloud.sln"))) return System.IO.Path.Combine(folder.FullName, relative);
        throw new InvalidOperationException($"No HtmCloud.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Services whose image is built from infra/Dockerfile.</summary>
    public IReadOnlyList<string> NodeServices() => _services.Children
        .Where(s => s.Value is YamlMappingNode service && Scalar(Child(Child(service, "build"), "dockerfile")) == NodeDockerfile)
        .Select(s => ((YamlScalarNode)s.Key).Value!).ToArray();

    /// <summary>How many containers <c>docker compose up</c> starts for a service (<c>deploy.replicas</c>, else 1).</summary>
    public int Replicas(string service) =>
        Scalar(Child(Child(_services.Children[new YamlScalarNode(service)], "deploy"), "replicas")) is { } n ? int.Parse(n) : 1;

    /// <summary>
    /// A service's environment (map or list form), values interpolated from <paramref name="variables"/>; a variable
    /// that is unset takes its <c>:-default</c>, and an unset required one (<c>:?</c>) is an error, as in Compose.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment(string service, IReadOnlyDictionary<string, string> variables)
    {
        var node = Child((YamlMappingNode)_services.Children[new YamlScalarNode(service)], "environment");
        var raw = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children) raw[((YamlScalarNode)key).Value!] = Scalar(value) ?? "";
                break;
            case YamlSequenceNode list:
                foreach (var item in list.Children.Select(Scalar))
                {
                    int equals = item!.IndexOf('=');
                    raw[equals < 0 ? item : item[..equals]] = equals < 0 ? "" : item[(equals + 1)..];
                }
                break;
        }
        return raw.ToDictionary(e => e.Key, e => Interpolate(e.Value, variables));
    }

    public static string Interpolate(string value, IReadOnlyDictionary<string, string> variables) => Variable().Replace(value, match =>
    {
        string name = match.Groups["name"].Value, op = match.Groups["op"].Value, arg = match.Groups["arg"].Value;
        bool set = variables.TryGetValue(name, out var v) && (v.Length > 0 || !op.StartsWith(':'));
        return op switch
        {
            ":-" or "-" => set ? v! : arg,
            ":?" or "?" => set ? v! : throw new InvalidOperationException($"Compose needs {name}: {arg}"),
            _ => v ?? "",
        };
    });

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlNode? node) => (node as YamlScalarNode)?.Value;

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:?[-?])(?<arg>[^}]*))?\}")]
    private static partial Regex Variable();
}
