using System.Globalization;
using System.Text.RegularExpressions;
using HtmCloud.Api.Tests.Durability;
using HtmCloud.Api.Tests.Hosting;

namespace HtmCloud.Api.Tests.Cluster;

/// <summary>What cluster tests share: starting nodes, where models live (each node's /metrics) and the input log (the database).</summary>
public static partial class ClusterChecks
{
    /// <summary>Starts <paramref name="count"/> nodes with the same settings at once (as docker compose does); stops them all if one fails.</summary>
    public static async Task<ServerProcess[]> StartNodesAsync(IReadOnlyDictionary<string, string?> settings, int count)
    {
        var starting = Enumerable.Range(0, count).Select(_ => ServerProcess.StartAsync(settings)).ToArray();
        try
        {
            return await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var task in starting.Where(t => t.IsCompletedSuccessfully)) await task.Result.DisposeAsync();
            throw;
        }
    }

    /// <summary>Model grain activations on one node, from Orleans' grain counts on its /metrics (loopback: no token needed).</summary>
    public static async Task<int> ActiveModelsAsync(ServerProcess node)
    {
        using var client = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(60) };
        string metrics = await client.GetStringAsync("/metrics");
        var match = ModelActivations().Match(metrics);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Waits (generously: counts settle after calls return) until a node holds this many models, then asserts it.</summary>
    public static async Task AssertActiveModelsAsync(ServerProcess node, int expected, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        int active;
        while ((active = await ActiveModelsAsync(node)) != expected && DateTime.UtcNow < deadline) await Task.Delay(250);
        Assert.That(active, Is.EqualTo(expected), what);
    }

    [GeneratedRegex(@"^orleans_grains\{[^}]*grain_type=""model""[^}]*\} (\d+)", RegexOptions.Multiline)]
    private static partial Regex ModelActivations();
}
