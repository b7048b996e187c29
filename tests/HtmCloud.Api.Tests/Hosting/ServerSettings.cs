using System.Collections;
using System.Reflection;
using HtmCloud.Api.Cluster;
using HtmCloud.Api.Live;
using HtmCloud.Api.Models;
using HtmCloud.Api.RateLimiting;
using HtmCloud.Api.Webhooks;
using HtmCloud.Grains.Durability;
using Orleans.Configuration;

namespace HtmCloud.Api.Tests.Hosting;

/// <summary>
/// Every configuration key the server reads: the options classes it binds (each property, by reflection, under its
/// section) and the keys it reads one at a time, each with the code in src/HtmCloud.Api that reads it — so a key the
/// server stops reading fails <see cref="MissingEvidence"/> instead of staying "known" here. Plus what ASP.NET Core and
/// .NET read themselves (URLs, environment, logging).
/// </summary>
public static class ServerSettings
{
    public static readonly (string Section, Type Options, string Evidence)[] Bound =
    [
        (ClusterSettings.Section, typeof(ClusterSettings), "GetSection(ClusterSettings.Section).Get<ClusterSettings>()"),
        (ClusterSettings.MembershipSection, typeof(ClusterMembershipOptions), "Configure<ClusterMembershipOptions>(configuration.GetSection(ClusterSettings.MembershipSection))"),
        (RateLimitSettings.Section, typeof(RateLimitSettings), "Configure<RateLimitSettings>(builder.Configuration.GetSection(RateLimitSettings.Section))"),
        (WebhookSettings.Section, typeof(WebhookSettings), "Configure<WebhookSettings>(configuration.GetSection(WebhookSettings.Section))"),
        (HangfireSettings.Section, typeof(HangfireSettings), "Configure<HangfireSettings>(configuration.GetSection(HangfireSettings.Section))"),
        ("Durability", typeof(DurabilityOptions), "GetSection(\"Durability\").Get<DurabilityOptions>()"),
        ("Models", typeof(ModelLimits), "GetSection(\"Models\").Get<ModelLimits>()"),
        (LiveSettings.Section, typeof(LiveSettings), "Configure<LiveSettings>(builder.Configuration.GetSection(LiveSettings.Section))"),
    ];

    public static readonly (string Key, string Evidence)[] Read =
    [
        ("Storage", "GetValue(\"Storage\""),
        ("Cluster", "configuration[ClusterSettings.Section]"),
        ("ConnectionStrings:Sqlite", "GetConnectionString(\"Sqlite\")"),
        ("ConnectionStrings:Postgres", "GetConnectionString(\"Postgres\")"),
        ("ConnectionStrings:Redis", "GetConnectionString(\"Redis\")"),
        ("Limits:MaxRequestBodyBytes", "GetValue(\"Limits:MaxRequestBodyBytes\""),
        ("Https:CertificatePath", "configuration[\"Https:CertificatePath\"]"),
        ("Https:CertificatePassword", "configuration[\"Https:CertificatePassword\"]"),
        ("Https:KeyPath", "configuration[\"Https:KeyPath\"]"),
        ("ForwardedHeaders:Enabled", "GetValue(\"ForwardedHeaders:Enabled\""),
        ("ForwardedHeaders:ForwardLimit", "GetValue<int?>(\"ForwardedHeaders:ForwardLimit\""),
        ("Metrics:ScrapeToken", "Configuration[\"Metrics:ScrapeToken\"]"),
        ("ForwardedHeaders:KnownProxies:*", "GetSection(\"ForwardedHeaders:KnownProxies\").Get<string[]>()"),
    ];

    /// <summary>Read by the host itself: environment variables it consumes and configuration of the framework's own features.</summary>
    public static readonly string[] Framework =
    [
        "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_ENVIRONMENT",
        "Urls", "HTTPS_PORT", "AllowedHosts", "Logging:*", "Kestrel:*",
    ];

    /// <summary>Why an environment variable (<c>Section__Key</c>) is not a setting the server reads, or null when it is.</summary>
    public static string? Problem(string variable)
    {
        string key = variable.Replace("__", ":", StringComparison.Ordinal);
        if (Framework.Any(p => Matches(p, key)) || Read.Any(r => Matches(r.Key, key))) return null;
        foreach (var (section, options, _) in Bound)
        {
            if (!key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase)) continue;
            if (Resolves(options, key[(section.Length + 1)..].Split(':'))) return null;
        }
        return $"{variable} (key {key}) is no setting the server reads";
    }

    /// <summary>Entries of this catalogue whose reading code is no longer in src/HtmCloud.Api.</summary>
    public static IReadOnlyList<string> MissingEvidence()
    {
        string source = string.Join('\n', Directory.EnumerateFiles(ComposeFile.RepositoryPath("src/HtmCloud.Api"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(File.ReadAllText));
        return Bound.Select(b => (Key: b.Section, b.Evidence)).Concat(Read)
            .Where(e => !source.Contains(e.Evidence, StringComparison.Ordinal))
            .Select(e => $"{e.Key}: no `{e.Evidence}` in src/HtmCloud.Api").ToArray();
    }

    // A key path inside an options type: a settable public property, then (for nested objects) its own properties;
    // collections and dictionaries take any keys below them.
    private static bool Resolves(Type type, string[] path)
    {
        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || property.SetMethod is null) return false;
        var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (path.Length == 1) return true;
        if (target != typeof(string) && typeof(IEnumerable).IsAssignableFrom(target)) return true;
        return !IsScalar(target) && Resolves(target, path[1..]);
    }

    private static bool IsScalar(Type type) => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
        || type == typeof(TimeSpan) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid) || type == typeof(Uri);

    private static bool Matches(string pattern, string key) => pattern.EndsWith(":*", StringComparison.Ordinal)
        ? key.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
        : string.Equals(pattern, key, StringComparison.OrdinalIgnoreCase);
}
