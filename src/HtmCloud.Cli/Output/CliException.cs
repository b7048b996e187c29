namespace HtmCloud.Cli.Output;

/// <summary>A failure the tool explains itself: its message goes to stderr and its code becomes the exit code.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
