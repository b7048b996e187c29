using System.CommandLine;
using HtmCloud.Cli.Config;
using Spectre.Console;

namespace HtmCloud.Cli.Commands;

/// <summary><c>htmcloud signup --email ana@example.com</c>: a tenant and its first key, saved as login would.</summary>
public static class SignupCommand
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "The account's contact address (one account per address)", Required = true };
        var noSave = new Option<bool>("--no-save") { Description = "Print the key without saving it" };
        var command = new Command("signup", "Create an account and its first API key; the key is saved like 'login' does") { email, noSave };
        command.Run(async (parse, cli, cancellationToken) =>
        {
            using var client = cli.CreateClient(requireKey: false);
            var created = await client.SignUpAsync(parse.GetRequiredValue(email), cancellationToken);
            bool save = !parse.GetValue(noSave);
            if (save) ConfigStore.Save(cli.Config with { Url = cli.Url.AbsoluteUri, ApiKey = created.ApiKey });
            if (cli.Json)
            {
                cli.WriteJson(created);
                return 0;
            }
            cli.Out.MarkupLineInterpolated($"Signed up: tenant [bold]{created.TenantId}[/]");
            cli.Out.MarkupLineInterpolated($"API key (shown this once): [bold yellow]{created.ApiKey}[/]");
            cli.Out.WriteLine(save ? $"Saved to {ConfigStore.FilePath}" : "Not saved: run 'htmcloud login' to save it.");
            return 0;
        });
        return command;
    }
}
