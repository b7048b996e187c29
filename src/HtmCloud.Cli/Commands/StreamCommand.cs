using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using HtmCloud.Cli.Csv;
using HtmCloud.Cli.Output;
using HtmCloud.Client;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Models;
using Spectre.Console;

namespace HtmCloud.Cli.Commands;

/// <summary>
/// <c>htmcloud stream data.csv --model ID</c>: the file's rows as JSON batches of <c>--batch</c> records, each with its
/// own Idempotency-Key so a dropped connection is retried without double learning; a progress bar and a live table
/// of anomalies on a terminal, the results as NDJSON with <c>--json</c> or <c>--out</c>.
/// </summary>
public static class StreamCommand
{
    public const int DefaultBatch = 500;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A CSV file whose header names the model's fields" };
        var model = new Option<Guid>("--model") { Description = "The model's id", Required = true };
        var batch = new Option<int>("--batch") { Description = "Records per request (1..10000)", DefaultValueFactory = _ => DefaultBatch };
        var output = new Option<FileInfo?>("--out") { Description = "Write every result to this file as NDJSON" };
        var threshold = new Option<double>("--threshold") { Description = "Anomaly likelihood at or above which a record is listed as an anomaly", DefaultValueFactory = _ => 0.9 };
        var command = new Command("stream", "Send a CSV file's rows to a model and show anomaly scores as they come back") { file, model, batch, output, threshold };
        command.Run(async (parse, cli, cancellationToken) =>
        {
            var csv = CommandActions.Existing(parse.GetValue(file), "CSV file");
            int size = parse.GetValue(batch);
            if (size is < 1 or > 10_000) throw new CliException(ExitCodes.Usage, "--batch must be 1..10000");
            Guid modelId = parse.GetValue(model);
            using var client = cli.CreateClient();
            var view = await client.Models.GetAsync(modelId, cancellationToken);
            var reader = CsvRecordReader.Open(csv, view.Graph.Fields);
            foreach (var column in reader.IgnoredColumns) Console.Error.WriteLine($"htmcloud: warning: column '{column}' is not a field of the model; ignored");
            long total = reader.Records().LongCount(); // reads the whole file once, so a bad row stops everything before a record is sent
            var run = new StreamRun(client, modelId, reader, size, total, new AnomalyTable(parse.GetValue(threshold)), parse.GetValue(output), cli);
            await (cli.Interactive ? run.LiveAsync(cancellationToken) : run.PlainAsync(cancellationToken));
            return 0;
        });
        return command;
    }

    private sealed class StreamRun(HtmCloudClient client, Guid modelId, CsvRecordReader reader, int batch, long total, AnomalyTable anomalies, FileInfo? output, CliContext cli)
    {
        private readonly Stopwatch _clock = new();
        private long _sent;
        private int _batches;

        public async Task PlainAsync(CancellationToken cancellationToken)
        {
            await SendAllAsync(_ => { }, cancellationToken);
            if (cli.Json) return;
            cli.Out.WriteLine(Summary());
            if (anomalies.Count > 0) cli.Out.Write(anomalies.Render());
        }

        public async Task LiveAsync(CancellationToken cancellationToken)
        {
            await cli.Out.Live(View()).StartAsync(async live =>
                await SendAllAsync(_ => live.UpdateTarget(View()), cancellationToken));
            cli.Out.WriteLine(Summary());
        }

        private Rows View() => new(ProgressLine.Render(_sent, total, _clock.Elapsed), anomalies.Render());

        private string Summary() =>
            $"Sent {_sent:N0} records to model {modelId} in {_batches} batch(es), {_clock.Elapsed.TotalSeconds:N1} s; {anomalies.Count} anomalies with likelihood ≥ {anomalies.Threshold}";

        private async Task SendAllAsync(Action<RecordBatchResponse> progress, CancellationToken cancellationToken)
        {
            await using var results = output is null ? null : new StreamWriter(output.FullName);
            _clock.Start();
            foreach (var chunk in reader.Records().Chunk(batch))
            {
                var response = await client.Records.SendAsync(modelId, chunk, cancellationToken: cancellationToken);
                foreach (var result in response.Results)
                {
                    anomalies.Add(result);
                    string line = JsonSerializer.Serialize(result, HtmJson.Options);
                    if (results is not null) await results.WriteLineAsync(line);
                    if (cli.Json) Console.Out.WriteLine(line);
                }
                _sent += response.Results.Count;
                _batches++;
                progress(response);
            }
            _clock.Stop();
        }
    }
}
