using System.CommandLine;
using HtmCloud.Cli;
using HtmCloud.Cli.Commands;

var root = new RootCommand("htmcloud: HTM anomaly detection as a service, from the command line")
{
    CliContext.UrlOption,
    CliContext.JsonOption,
    SignupCommand.Create(),
    LoginCommand.Create(),
    LoginCommand.CreateLogout(),
    ModelsCommand.Create(),
    StreamCommand.Create(),
    ResultsCommand.Create(),
    WebhooksCommand.Create(),
    CheckpointsCommand.Create(),
    ExportCommand.Create(),
    ExportCommand.CreateImport(),
};
return await CliApp.RunAsync(root, args);
