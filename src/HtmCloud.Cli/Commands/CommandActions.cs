using System.CommandLine;
using HtmCloud.Cli.Output;

namespace HtmCloud.Cli.Commands;

/// <summary>Every command's action runs through here, so every failure becomes one stderr message and an exit code.</summary>
public static class CommandActions
{
    public static void Run(this Command command, Func<ParseResult, CliContext, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, new CliContext(parse), cancellationToken);
            }
            catch (Exception e)
            {
                return Failures.Report(e, Console.Error);
            }
        });

    /// <summary>A file the user named: it must exist (exit code 2 otherwise).</summary>
    public static FileInfo Existing(FileInfo? file, string what = "file")
    {
        if (file is null) throw new CliException(ExitCodes.Usage, $"give a {what}");
        if (!file.Exists) throw new CliException(ExitCodes.Usage, $"{what} '{file.FullName}' does not exist");
        return file;
    }
}
