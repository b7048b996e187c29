namespace HtmCloud.Api.Cluster;

/// <summary>Values of the setting <c>Cluster</c>.</summary>
public static class ClusterMode
{
    /// <summary>One node, in-process membership (the default).</summary>
    public const string Localhost = "Localhost";

    /// <summary>Any number of nodes sharing <c>ConnectionStrings:Redis</c>: Orleans' Redis membership, cluster-wide rate limits.</summary>
    public const string Redis = "Redis";

    public static string Of(IConfiguration configuration) => configuration[ClusterSettings.Section] is { Length: > 0 } mode ? mode : Localhost;

    public static bool IsRedis(IConfiguration configuration) => string.Equals(Of(configuration), Redis, StringComparison.OrdinalIgnoreCase);
}
