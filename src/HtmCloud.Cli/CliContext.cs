using System.CommandLine;
using System.Text.Json;
using HtmCloud.Cli.Config;
using HtmCloud.Cli.Output;
using HtmCloud.Client;
using HtmCloud.Contracts;
using Spectre.Console;

namespace HtmCloud.Cli;

/// <summary>What every command needs: the server, the key, the output mode and the consoles.</summary>
public sealed class CliContext
{
    public const string UrlVariable = "HTMCLOUD_URL";
    public const string ApiKeyVariable = "HTMCLOUD_API_KEY";

    public static readonly Option<string?> UrlOption = new("--url")
    {
        Description = $"The server; default ${UrlVariable}, else the URL saved by login, else {HtmCloudClientOptions.DefaultBaseAddress}",
        Recursive = true,
    };

    public static readonly Option<bool> JsonOption = new("--json")
    {
        Description = "Print JSON (one document per line) instead of tables, for scripts",
        Recursive = true,
    };

    public CliContext(ParseResult parse)
    {
        Config = ConfigStore.Load();
        Json = parse.GetValue(JsonOption);
        string url = FirstOf(parse.GetValue(UrlOption), Environment.GetEnvironmentVariable(UrlVariable), Config.Url)
            ?? HtmCloudClientOptions.DefaultBaseAddress.AbsoluteUri;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CliException(ExitCodes.Usage, $"'{url}' is not an http:// or https:// URL");
        Url = uri;
        ApiKey = FirstOf(Environment.GetEnvironmentVariable(ApiKeyVariable), Config.ApiKey);
    }

    public CliConfig Config { get; }

    public Uri Url { get; }

    public string? ApiKey { get; }

    public bool Json { get; }

    /// <summary>Tables, progress and colour on stdout when it is a terminal; plain text when redirected.</summary>
    public IAnsiConsole Out { get; } = CreateConsole();

    public bool Interactive => !Json && Out.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    public HtmCloudClient CreateClient(bool requireKey = true)
    {
        if (requireKey && string.IsNullOrWhiteSpace(ApiKey))
            throw new CliException(ExitCodes.Auth, $"no API key: run 'htmcloud signup' or 'htmcloud login', or set {ApiKeyVariable}");
        return new HtmCloudClient(new HtmCloudClientOptions { BaseAddress = Url, ApiKey = requireKey ? ApiKey : null });
    }

    public void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, HtmJson.Options));

    private static IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        // Redirected output is read by scripts: never wrap a line (an API key, a long id) at 80 columns.
        if (Console.IsOutputRedirected) console.Profile.Width = 4096;
        return console;
    }

    private static string? FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
