using HtmCloud.Bench;

// Commands: anchor (anchor workload), shards (65,536-column pool whole vs sharded), load (two Cluster=Redis nodes under many streaming models), gym (full pipeline on a NAB file), nab (run and score the detector), score (score a results folder), mnist, micro (BenchmarkDotNet).
return args.FirstOrDefault() switch
{
    "anchor" => AnchorHarness.Run(args[1..]),
    "gym" => GymHarness.Run(args[1..]),
    "nab" => NabRunCommand.Run(args[1..]),
    "score" => ScoreCommand.Run(args[1..]),
    "micro" => MicroBenchmarks.Run(args[1..]),
    "api" => HtmCloud.Bench.Api.ApiThroughputHarness.Run(args[1..]).GetAwaiter().GetResult(),
    "mnist" => HtmCloud.Bench.Mnist.MnistCheck.Run(args[1..]),
    "webhooks" => HtmCloud.Bench.Webhooks.WebhookBenchmark.Run(args[1..]).GetAwaiter().GetResult(),
    "checkpoint" => HtmCloud.Bench.Durability.CheckpointBenchmark.Run(args[1..]),
    "shards" => ShardsHarness.Run(args[1..]),
    "shards-api" => HtmCloud.Bench.Api.ShardsApiHarness.Run(args[1..]).GetAwaiter().GetResult(),
    "load" => HtmCloud.Bench.Api.LoadHarness.Run(args[1..]).GetAwaiter().GetResult(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: HtmCloud.Bench anchor | gym [category/name.csv] | nab [--seed N] | score --detector DIR | mnist | api | shards [records] | shards-api [batches] | load [--seconds 120] [--models 100] | micro [BenchmarkDotNet args]");
    return 2;
}
