using System.CommandLine;
using HtmCloud.Cli.Output;
using Spectre.Console;

namespace HtmCloud.Cli.Commands;

/// <summary><c>htmcloud export --model ID [--output FILE]</c> and <c>htmcloud import FILE</c>.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var model = new Option<Guid>("--model") { Description = "The model's id", Required = true };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Where to write the file; default <model id>.htmmodel" };
        var command = new Command("export", "Write a model (graph and state) to one file that 'import' can load anywhere") { model, output };
        command.Run(async (parse, cli, cancellationToken) =>
        {
            Guid id = parse.GetValue(model);
            var file = parse.GetValue(output) ?? new FileInfo($"{id}.htmmodel");
            using var client = cli.CreateClient();
            string temp = file.FullName + ".part";
            try
            {
                // Downloaded beside and moved into place, so a failed export never leaves half a file under the real name.
                await using (var stream = File.Create(temp))
                    await client.Checkpoints.ExportAsync(id, stream, cancellationToken);
                File.Move(temp, file.FullName, overwrite: true);
            }
            finally
            {
                File.Delete(temp);
            }
            file.Refresh();
            if (cli.Json) cli.WriteJson(new { model = id, file = file.FullName, bytes = file.Length });
            else cli.Out.MarkupLineInterpolated($"Exported model {id} to {file.FullName} ({file.Length:N0} bytes)");
            return 0;
        });
        return command;
    }

    public static Command CreateImport()
    {
        var file = new Argument<FileInfo>("file") { Description = "A file written by 'htmcloud export'" };
        var command = new Command("import", "Load an exported model as a new model of this account") { file };
        command.Run(async (parse, cli, cancellationToken) =>
        {
            var source = CommandActions.Existing(parse.GetValue(file), "export file");
            using var client = cli.CreateClient();
            await using var stream = source.OpenRead();
            var model = await client.Checkpoints.ImportAsync(stream, cancellationToken);
            if (cli.Json) cli.WriteJson(model);
            else cli.Out.MarkupLineInterpolated($"Imported as model [bold]{model.Id}[/] ({model.Name})");
            return 0;
        });
        return command;
    }
}
