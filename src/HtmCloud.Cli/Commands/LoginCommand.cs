using System.CommandLine;
using HtmCloud.Cli.Config;
using HtmCloud.Cli.Output;
using HtmCloud.Client;
using Spectre.Console;

namespace HtmCloud.Cli.Commands;

/// <summary><c>htmcloud login</c>: checks a key against the server and saves both in the config file (0600).</summary>
public static class LoginCommand
{
    public static Command Create()
    {
        var apiKey = new Option<string?>("--api-key") { Description = "The key; without it the key is read from stdin (or prompted for), which keeps it out of shell history" };
        var command = new Command("login", $"Save an API key and the server URL in {ConfigStore.FilePath} (mode 0600)") { apiKey };
        command.Run(async (parse, cli, cancellationToken) =>
        {
            string key = (parse.GetValue(apiKey) ?? ReadKey(cli)).Trim();
            if (key.Length == 0) throw new CliException(ExitCodes.Usage, "no API key given");
            using (var client = new HtmCloudClient(new HtmCloudClientOptions { BaseAddress = cli.Url, ApiKey = key }))
                await client.Keys.ListAsync(cancellationToken); // proves the key before it is saved
            ConfigStore.Save(cli.Config with { Url = cli.Url.AbsoluteUri, ApiKey = key });
            if (cli.Json) cli.WriteJson(new { url = cli.Url.AbsoluteUri, config = ConfigStore.FilePath });
            else cli.Out.MarkupLineInterpolated($"Logged in to {cli.Url}; key saved to {ConfigStore.FilePath}");
            return 0;
        });
        return command;
    }

    public static Command CreateLogout()
    {
        var command = new Command("logout", "Forget the saved API key");
        command.Run((parse, cli, cancellationToken) =>
        {
            ConfigStore.Save(cli.Config with { ApiKey = null });
            if (!cli.Json) cli.Out.WriteLine($"Key removed from {ConfigStore.FilePath}");
            return Task.FromResult(0);
        });
        return command;
    }

    private static string ReadKey(CliContext cli)
    {
        if (Console.IsInputRedirected) return Console.In.ReadLine() ?? "";
        return cli.Out.Prompt(new TextPrompt<string>("API key:").Secret());
    }
}
