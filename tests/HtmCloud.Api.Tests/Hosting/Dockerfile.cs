using System.Text.RegularExpressions;

namespace HtmCloud.Api.Tests.Hosting;

/// <summary>infra/Dockerfile read as instructions (continuation lines joined, comments dropped), enough to check what the image promises.</summary>
public sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<(string Keyword, string Arguments)> instructions) => Instructions = instructions;

    public IReadOnlyList<(string Keyword, string Arguments)> Instructions { get; }

    public static Dockerfile Load(string path)
    {
        var joined = ContinuedLine().Replace(File.ReadAllText(path), " ");
        var instructions = joined.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2) is [var k, var a] ? (k.ToUpperInvariant(), a.Trim()) : (l.ToUpperInvariant(), ""))
            .ToArray();
        return new Dockerfile(instructions);
    }

    /// <summary>Instructions of the last stage (the image that runs).</summary>
    public IReadOnlyList<(string Keyword, string Arguments)> FinalStage =>
        Instructions.Skip(Instructions.Select((i, n) => (i, n)).Last(x => x.i.Keyword == "FROM").n).ToArray();

    /// <summary>Names set by the final stage's ENV instructions (<c>ENV A=1 B="x y"</c> form).</summary>
    public IReadOnlyList<string> EnvironmentNames => FinalStage.Where(i => i.Keyword == "ENV")
        .SelectMany(i => EnvAssignment().Matches(i.Arguments).Select(m => m.Groups["name"].Value)).ToArray();

    /// <summary>The path the final stage's HEALTHCHECK asks the node for, e.g. <c>/health/ready</c>.</summary>
    public string? HealthCheckPath => FinalStage.Where(i => i.Keyword == "HEALTHCHECK")
        .Select(i => LocalUrlPath().Match(i.Arguments)).FirstOrDefault(m => m.Success)?.Groups["path"].Value;

    [GeneratedRegex(@"\\[ \t]*\r?\n")]
    private static partial Regex ContinuedLine();

    // A quoted value is consumed whole, so "Data Source=…" inside it is no name.
    [GeneratedRegex(@"(?:^|\s)(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?:""(?:[^""\\]|\\.)*""|'[^']*'|\S*)")]
    private static partial Regex EnvAssignment();

    [GeneratedRegex(@"http://(?:127\.0\.0\.1|localhost):\d+(?<path>/[^\s""']*)")]
    private static partial Regex LocalUrlPath();
}
