using HtmCloud.Bench;

// Commands: anchor (the engine's anchor workload), micro (BenchmarkDotNet suites).
return args.FirstOrDefault() switch
{
    "anchor" => AnchorHarness.Run(args[1..]),
    "micro" => MicroBenchmarks.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: HtmCloud.Bench anchor | micro [BenchmarkDotNet args]");
    return 2;
}
