using System.CommandLine;
using HtmCloud.Cli.Output;

namespace HtmCloud.Cli;

/// <summary>Parses, reports usage errors with exit code 2, and runs the chosen command.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"htmcloud: {error.Message}");
            Console.Error.WriteLine("Run 'htmcloud --help' for usage.");
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync();
    }
}
