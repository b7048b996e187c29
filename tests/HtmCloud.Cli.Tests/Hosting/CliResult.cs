namespace HtmCloud.Cli.Tests.Hosting;

/// <summary>What one run of the tool left behind.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}
