namespace HtmCloud.Cli.Output;

/// <summary>The exit codes scripts can rely on (README.md of this tool lists them).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Error = 1;
    public const int Usage = 2;
    public const int Auth = 3;
    public const int NotFound = 4;
    public const int Invalid = 5;
    public const int Unavailable = 6;
    public const int Cancelled = 130;
}
