using HtmCloud.Api.Tests.Hosting;
using static HtmCloud.Api.Tests.Durability.DurabilityApi;

namespace HtmCloud.Api.Tests.Durability;

/// <summary>
/// The real server stopped with SIGTERM (as docker or systemd stop it): every active model checkpoints at its last
/// record before the process exits, so the next start replays nothing.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class GracefulShutdownTests
{
    private const int Models = 4, Records = 150;

    [Test]
    public async Task Sigterm_CheckpointsEveryActiveModel_AtItsLastRecord()
    {
        await using var database = await TestDatabase.CreateAsync(TestStorage.Sqlite);
        var models = new List<Guid>();
        string apiKey;
        await using (var server = await ServerProcess.StartAsync(database.Settings))
        {
            apiKey = await SignUpAsync(server.CreateClient());
            var client = server.CreateClient(apiKey);
            for (int m = 0; m < Models; m++)
            {
                var model = await CreateModelAsync(client, OnePool(), $"graceful-{m}");
                await PostAsync(client, model, Series(Records, seed: m + 1));
                models.Add(model);
            }

            await server.StopGracefullyAsync(TimeSpan.FromMinutes(1));

            Assert.That(server.Output, Does.Not.Match("[Cc]heckpoint[^\\n]*failed"), "a checkpoint failed during shutdown");
        }

        await using var restarted = await ServerProcess.StartAsync(database.Settings);
        var again = restarted.CreateClient(apiKey);
        foreach (var model in models)
        {
            var checkpoints = await ListCheckpointsAsync(again, model);
            Assert.That(checkpoints.Select(c => c.GetProperty("seq").GetInt64()), Has.Member((long)Records), $"model {model} has a checkpoint at its last record");
        }
    }
}
