using System.CommandLine;
using HtmCloud.Cli.Output;
using HtmCloud.Contracts.Models;
using Spectre.Console;

namespace HtmCloud.Cli.Commands;

/// <summary>
/// <c>htmcloud results --model ID [--follow]</c>: the model's record count and last result (<c>GET /state</c>); with
/// <c>--follow</c> it polls and prints each new last result until interrupted.
/// </summary>
public static class ResultsCommand
{
    public static Command Create()
    {
        var model = new Option<Guid>("--model") { Description = "The model's id", Required = true };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep polling and print each new result until interrupted (Ctrl+C)" };
        var interval = new Option<double>("--interval") { Description = "Seconds between polls with --follow", DefaultValueFactory = _ => 1 };
        var command = new Command("results", "The model's latest result; --follow to watch it") { model, follow, interval };
        command.Run(async (parse, cli, cancellationToken) =>
        {
            Guid id = parse.GetValue(model);
            double seconds = parse.GetValue(interval);
            if (seconds is <= 0 or > 3600) throw new CliException(ExitCodes.Usage, "--interval must be more than 0 and at most 3600 seconds");
            using var client = cli.CreateClient();
            var state = await client.Records.GetStateAsync(id, cancellationToken);
            if (!parse.GetValue(follow))
            {
                if (cli.Json) cli.WriteJson(state);
                else Show(cli, state);
                return 0;
            }
            PrintLine(cli, state);
            try
            {
                while (true)
                {
                    await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
                    var next = await client.Records.GetStateAsync(id, cancellationToken);
                    if (next.RecordsProcessed != state.RecordsProcessed) PrintLine(cli, next);
                    state = next;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0; // Ctrl+C is how --follow ends
            }
        });
        return command;
    }

    private static void Show(CliContext cli, ModelStateView state)
    {
        cli.Out.WriteLine($"Records processed: {state.RecordsProcessed:N0}");
        if (state.Last is not { } last) return;
        var table = new Table().AddColumns("Pool", "Score", "Likelihood", "Raw", "Active columns");
        table.AddRow("[bold]model[/]", AnomalyTable.Number(last.AnomalyScore), last.AnomalyLikelihood is { } l ? AnomalyTable.Number(l) : "", AnomalyTable.Number(last.RawAnomaly), "");
        foreach (var (name, pool) in last.Pools)
            table.AddRow(Markup.Escape(name), AnomalyTable.Number(pool.AnomalyScore), pool.AnomalyLikelihood is { } pl ? AnomalyTable.Number(pl) : "", AnomalyTable.Number(pool.RawAnomaly), pool.ActiveColumns?.Length.ToString() ?? "");
        cli.Out.WriteLine($"Last record: seq {last.Seq}{(last.Timestamp is { } t ? $", {t:u}" : "")}");
        cli.Out.Write(table);
    }

    private static void PrintLine(CliContext cli, ModelStateView state)
    {
        if (cli.Json)
        {
            cli.WriteJson(state);
            return;
        }
        if (state.Last is not { } last)
        {
            cli.Out.WriteLine($"{state.RecordsProcessed:N0} records processed");
            return;
        }
        cli.Out.WriteLine($"{state.RecordsProcessed:N0} records  seq {last.Seq}  {last.Timestamp:u}  score {AnomalyTable.Number(last.AnomalyScore)}  likelihood {(last.AnomalyLikelihood is { } l ? AnomalyTable.Number(l) : "-")}");
    }
}
