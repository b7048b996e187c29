using BenchmarkDotNet.Running;

namespace HtmCloud.Bench;

/// <summary>Runs the BenchmarkDotNet suites in this assembly.</summary>
internal static class MicroBenchmarks
{
    public static int Run(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(MicroBenchmarks).Assembly).Run(args);
        return 0;
    }
}
