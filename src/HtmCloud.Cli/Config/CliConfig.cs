namespace HtmCloud.Cli.Config;

/// <summary>What <c>htmcloud login</c> remembers: the server and the API key.</summary>
public sealed record CliConfig
{
    public string? Url { get; init; }
    public string? ApiKey { get; init; }
}
