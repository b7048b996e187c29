using System.Text.Json;
using HtmCloud.Contracts;
using HtmCloud.Contracts.Models;
using HtmCloud.Contracts.Tenants;

namespace HtmCloud.Cli.Tests.Hosting;

/// <summary>Steps most tests start with, through the tool itself.</summary>
public static class CliUser
{
    public static T Json<T>(CliResult result)
    {
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return JsonSerializer.Deserialize<T>(result.StdOut, HtmJson.Options)!;
    }

    public static async Task<SignupResponse> SignUpAsync(CliSandbox user) =>
        Json<SignupResponse>(await user.RunAsync("signup", "--email", $"cli-{Guid.NewGuid():N}@example.com", "--json"));

    public static async Task<ModelView> CreateModelAsync(CliSandbox user, string name = "cpu") =>
        Json<ModelView>(await user.RunAsync("models", "create", "--template", "scalar-anomaly", "--name", name, "--min", "0", "--max", "100", "--json"));
}
