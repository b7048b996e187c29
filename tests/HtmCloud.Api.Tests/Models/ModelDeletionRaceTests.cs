using System.Net;
using HtmCloud.Api.Tests.Hosting;
using HtmCloud.Grains.Pools;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using static HtmCloud.Api.Tests.Models.ModelApi;

namespace HtmCloud.Api.Tests.Models;

/// <summary>Deleting a model whose grains are in odd states, or while its records are being posted: 204/404, never 5xx.</summary>
[TestFixture(TestStorage.Sqlite)]
[TestFixture(TestStorage.Postgres)]
public sealed class ModelDeletionRaceTests(TestStorage storage) : ApiFixture(storage)
{
    [Test]
    public async Task DeleteModel_WhosePoolGrainWentIdle_WhileTheModelStayedActive_Is204()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client);
        await ProcessAsync(tenant.Client, id, Series(20));
        await DeactivatePoolAsync(id, 0);

        using var delete = await tenant.Client.DeleteAsync($"/v1/models/{id}");

        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await delete.Content.ReadAsStringAsync());
        using var get = await tenant.Client.GetAsync($"/v1/models/{id}");
        await ProblemAssert.IsProblemAsync(get, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task DeleteModel_WhileBatchesArePosted_EveryAnswerIs200Or404_AndTheModelIsGone()
    {
        var tenant = await Host.SignUpAsync();
        var id = await CreateSmallAsync(tenant.Client);
        var records = Series(20_000);
        var statuses = new List<HttpStatusCode>();
        var firstAnswered = new TaskCompletionSource();

        var posting = Task.Run(async () =>
        {
            for (int batch = 0; batch < 1000; batch++)
            {
                using var response = await PostRecordsAsync(tenant.Client, id, records.Skip(batch * 20).Take(20));
                lock (statuses) statuses.Add(response.StatusCode);
                firstAnswered.TrySetResult();
                if (response.StatusCode == HttpStatusCode.NotFound) return;
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            }
        });
        await firstAnswered.Task.WaitAsync(TimeSpan.FromMinutes(2));
        using var delete = await tenant.Client.DeleteAsync($"/v1/models/{id}");
        await posting.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await delete.Content.ReadAsStringAsync());
        Assert.That(statuses, Has.All.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.NotFound));
        Assert.That(statuses[^1], Is.EqualTo(HttpStatusCode.NotFound), "posting stops only at the 404 of the deleted model");
    }

    private async Task DeactivatePoolAsync(Guid model, int pool)
    {
        var grain = Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IPoolGrain>($"{model}/{pool}");
        await grain.DeactivateAsync();
        await Durability.DurabilityApi.WaitUntilGoneAsync(Host.Services, grain.GetGrainId(), $"pool {pool} of model {model}");
    }
}
