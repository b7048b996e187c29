using System.CommandLine;
using HtmCloud.Cli.Output;
using Spectre.Console;

namespace HtmCloud.Cli.Commands;

/// <summary><c>htmcloud checkpoints create|list|restore --model ID</c>.</summary>
public static class CheckpointsCommand
{
    public static Command Create() => new("checkpoints", "Checkpoint a model, list its checkpoints, restore one")
    {
        CreateCheckpoint(), List(), Restore(),
    };

    private static Option<Guid> ModelOption() => new("--model") { Description = "The model's id", Required = true };

    private static Command CreateCheckpoint()
    {
        var model = ModelOption();
        var command = new Command("create", "Checkpoint the model now") { model };
        command.Run(async (parse, cli, cancellationToken) =>
        {
            using var client = cli.CreateClient();
            var checkpoint = await client.Checkpoints.CreateAsync(parse.GetValue(model), cancellationToken);
            if (cli.Json) cli.WriteJson(checkpoint);
            else cli.Out.MarkupLineInterpolated($"Checkpoint [bold]{checkpoint.Id}[/] after record {checkpoint.Seq} ({checkpoint.Size:N0} bytes)");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var model = ModelOption();
        var command = new Command("list", "The model's stored checkpoints") { model };
        command.Run(async (parse, cli, cancellationToken) =>
        {
            using var client = cli.CreateClient();
            var checkpoints = await client.Checkpoints.ListAsync(parse.GetValue(model), cancellationToken);
            if (cli.Json)
            {
                cli.WriteJson(checkpoints);
                return 0;
            }
            var table = new Table().AddColumns("Id", "After record", "Bytes", "Created");
            foreach (var c in checkpoints) table.AddRow(c.Id.ToString(), c.Seq.ToString(), c.Size.ToString("N0"), c.CreatedAt.ToString("u"));
            cli.Out.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Restore()
    {
        var model = ModelOption();
        var checkpoint = new Option<Guid>("--checkpoint") { Description = "The checkpoint's id (see 'checkpoints list')", Required = true };
        var yes = new Option<bool>("--yes") { Description = "Confirm: the records after the checkpoint, and later checkpoints, are discarded" };
        var command = new Command("restore", "Continue the model from a checkpoint (needs --yes)") { model, checkpoint, yes };
        command.Run(async (parse, cli, cancellationToken) =>
        {
            if (!parse.GetValue(yes))
                throw new CliException(ExitCodes.Usage, "restoring discards the records after the checkpoint and later checkpoints: add --yes to confirm");
            using var client = cli.CreateClient();
            var restored = await client.Checkpoints.RestoreAsync(parse.GetValue(model), parse.GetValue(checkpoint), cancellationToken);
            if (cli.Json) cli.WriteJson(restored);
            else cli.Out.MarkupLineInterpolated($"Restored model {parse.GetValue(model)} to checkpoint {restored.Id} (after record {restored.Seq})");
            return 0;
        });
        return command;
    }
}
