using System.CommandLine;
using System.Text.Json;
using HtmCloud.Cli.Output;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Graphs;
using HtmCloud.Contracts.Models;
using Spectre.Console;

namespace HtmCloud.Cli.Commands;

/// <summary><c>htmcloud models create|list|show|delete|templates</c>.</summary>
public static class ModelsCommand
{
    public static Command Create() => new("models", "Create, list, show and delete models")
    {
        CreateModel(), List(), Show(), Delete(), Templates(),
    };

    private static Command CreateModel()
    {
        var name = new Option<string?>("--name") { Description = "The model's name; default the template's or the file's name" };
        var template = new Option<string?>("--template") { Description = "A template, e.g. scalar-anomaly (see 'htmcloud models templates')" };
        var file = new Option<FileInfo?>("--file") { Description = "A pool graph JSON file (docs/pool-graph.md)" };
        var minimum = new Option<double?>("--min") { Description = "Template option: the metric's expected minimum" };
        var maximum = new Option<double?>("--max") { Description = "Template option: the metric's expected maximum" };
        var seed = new Option<ulong?>("--seed") { Description = "Template option: the model's random seed" };
        var command = new Command("create", "Create a model from --template or --file") { name, template, file, minimum, maximum, seed };
        command.Run(async (parse, cli, cancellationToken) =>
        {
            var request = Request(parse.GetValue(name), parse.GetValue(template), parse.GetValue(file), parse.GetValue(minimum), parse.GetValue(maximum), parse.GetValue(seed));
            using var client = cli.CreateClient();
            var model = await client.Models.CreateAsync(request, cancellationToken);
            if (cli.Json) cli.WriteJson(model);
            else cli.Out.MarkupLineInterpolated($"Created model [bold]{model.Id}[/] ({model.Name}): fields {Fields(model.Graph)}");
            return 0;
        });
        return command;
    }

    private static CreateModelRequest Request(string? name, string? template, FileInfo? file, double? minimum, double? maximum, ulong? seed)
    {
        if ((template is null) == (file is null)) throw new CliException(ExitCodes.Usage, "give exactly one of --template and --file");
        if (template is not null)
        {
            var defaults = new TemplateOptions();
            var options = new TemplateOptions
            {
                Minimum = minimum ?? defaults.Minimum,
                Maximum = maximum ?? defaults.Maximum,
                Seed = seed ?? defaults.Seed,
            };
            return new CreateModelRequest { Name = name ?? template, Template = template, TemplateOptions = options };
        }
        var graphFile = CommandActions.Existing(file, "graph file");
        if (minimum is not null || maximum is not null || seed is not null)
            throw new CliException(ExitCodes.Usage, "--min, --max and --seed are template options; a graph file sets its own parameters");
        PoolGraphDocument? graph;
        try
        {
            graph = JsonSerializer.Deserialize<PoolGraphDocument>(File.ReadAllText(graphFile.FullName), HtmJson.Options);
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.Invalid, $"{graphFile.Name} is not a pool graph: {e.Message}");
        }
        if (graph is null) throw new CliException(ExitCodes.Invalid, $"{graphFile.Name} is empty");
        return new CreateModelRequest { Name = name ?? Path.GetFileNameWithoutExtension(graphFile.Name), Graph = graph };
    }

    private static Command List()
    {
        var command = new Command("list", "The account's models");
        command.Run(async (parse, cli, cancellationToken) =>
        {
            using var client = cli.CreateClient();
            var models = await client.Models.ListAsync(cancellationToken);
            if (cli.Json)
            {
                cli.WriteJson(models);
                return 0;
            }
            var table = new Table().AddColumns("Id", "Name", "Created");
            foreach (var model in models) table.AddRow(model.Id.ToString(), Markup.Escape(model.Name), model.CreatedAt.ToString("u"));
            cli.Out.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<Guid>("id") { Description = "The model's id" };
        var command = new Command("show", "One model: its fields, pools and outputs (--json for the full graph)") { id };
        command.Run(async (parse, cli, cancellationToken) =>
        {
            using var client = cli.CreateClient();
            var model = await client.Models.GetAsync(parse.GetValue(id), cancellationToken);
            if (cli.Json)
            {
                cli.WriteJson(model);
                return 0;
            }
            var grid = new Grid().AddColumns(2);
            grid.AddRow("Id", model.Id.ToString());
            grid.AddRow("Name", Markup.Escape(model.Name));
            grid.AddRow("Created", model.CreatedAt.ToString("u"));
            grid.AddRow("Fields", Markup.Escape(Fields(model.Graph)));
            grid.AddRow("Pools", Markup.Escape(string.Join(", ", model.Graph.Pools.Select(p => p.Name))));
            cli.Out.Write(grid);
            return 0;
        });
        return command;
    }

    private static Command Delete()
    {
        var id = new Argument<Guid>("id") { Description = "The model's id" };
        var command = new Command("delete", "Delete a model and its state") { id };
        command.Run(async (parse, cli, cancellationToken) =>
        {
            using var client = cli.CreateClient();
            await client.Models.DeleteAsync(parse.GetValue(id), cancellationToken);
            if (cli.Json) cli.WriteJson(new { deleted = parse.GetValue(id) });
            else cli.Out.MarkupLineInterpolated($"Deleted model {parse.GetValue(id)}");
            return 0;
        });
        return command;
    }

    private static Command Templates()
    {
        var command = new Command("templates", "The templates 'models create --template' accepts");
        command.Run(async (parse, cli, cancellationToken) =>
        {
            using var client = cli.CreateClient();
            var names = await client.Models.ListTemplatesAsync(cancellationToken);
            if (cli.Json) cli.WriteJson(names);
            else foreach (var name in names) cli.Out.WriteLine(name);
            return 0;
        });
        return command;
    }

    internal static string Fields(PoolGraphDocument graph) =>
        string.Join(", ", graph.Fields.Select(f => $"{f.Name} ({JsonNamingPolicy.CamelCase.ConvertName(f.Type.ToString())})"));
}
