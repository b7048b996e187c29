using HtmCloud.Web.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace HtmCloud.Web.Tests;

/// <summary>What the page says when the input is wrong: graph errors at their JSON paths, a key that is not accepted.</summary>
public sealed class EditorAndKeyTests : DashboardFixture
{
    [Test]
    public async Task GraphEditor_WithAnInvalidGraph_ListsEachErrorAtItsPath()
    {
        await PasteKeyAsync(await Server.SignUpAsync());
        await Page.ClickAsync("#graph-details summary");
        string graph = await Page.InputValueAsync("#graph-editor");
        graph = graph.Replace("\"cellsPerColumn\": 32", "\"cellsPerColumn\": 0").Replace("\"name\": \"value\",\n          \"rdse\"", "\"name\": \"cpu2\",\n          \"rdse\"");
        await Page.FillAsync("#graph-editor", graph);

        await Page.ClickAsync("#create-from-graph");

        var errors = Page.Locator("#create-errors li");
        await Expect(errors.Filter(new() { HasText = "graph.pools[0].temporalMemory.cellsPerColumn" })).ToHaveCountAsync(1);
        await Expect(errors.Filter(new() { HasText = "graph.pools[0].encoders[0].name" })).ToHaveCountAsync(1);
        await Expect(Page.Locator("#model-list")).ToHaveCountAsync(0); // nothing was created
        await ScreenshotAsync("graph-errors");
        Assert.That(PageErrors.Where(e => !e.Contains("400")), Is.Empty);
    }

    [Test]
    public async Task GraphEditor_WithAValidGraph_CreatesTheModel_AndOpensIt()
    {
        await PasteKeyAsync(await Server.SignUpAsync());
        await Page.ClickAsync("#graph-details summary");
        string graph = await Page.InputValueAsync("#graph-editor");
        await Page.FillAsync("#graph-editor", graph.Replace("\"cellsPerColumn\": 32", "\"cellsPerColumn\": 16"));
        await Page.FillAsync("#model-name", "from-json");

        await Page.ClickAsync("#create-from-graph");

        await Expect(Page.Locator("#model-title")).ToContainTextAsync("from-json");
        await Expect(Page.Locator("#model-list .model-link")).ToHaveTextAsync("from-json");
        await Expect(Page.Locator("#create-errors li")).ToHaveCountAsync(0);
        await Expect(Page.Locator("#sdr figcaption")).ToContainTextAsync("× 16 cells"); // the edited graph, not the example
        Assert.That(PageErrors, Is.Empty);
    }

    [Test]
    public async Task GraphEditor_WithBrokenJson_SaysWhereTheSyntaxBreaks()
    {
        await PasteKeyAsync(await Server.SignUpAsync());
        await Page.ClickAsync("#graph-details summary");
        await Page.FillAsync("#graph-editor", "{\n  \"version\": 1,\n  \"fields\": [,]\n}");

        await Page.ClickAsync("#create-from-graph");

        await Expect(Page.Locator("#create-errors li")).ToContainTextAsync("line 3");
        Assert.That(PageErrors, Is.Empty);
    }

    [Test]
    public async Task CsvUpload_WithARefusedRow_StopsAndNamesTheRowAndField()
    {
        string key = await Server.SignUpAsync();
        var model = await Server.CreateModelAsync(key, "typo");
        await PasteKeyAsync(key);
        await Page.GotoAsync($"/#/models/{model}");
        await Page.ReloadAsync();
        // CSV row 7 (the header is row 1) has no number where the value goes.
        var csv = new System.Text.StringBuilder("timestamp,value\n");
        for (int i = 0; i < 10; i++) csv.Append($"2026-01-01T00:{i:00}:00Z,").Append(i == 5 ? "n/a" : "12.5").Append('\n');

        await Page.SetInputFilesAsync("#csv-file", new Microsoft.Playwright.FilePayload { Name = "typo.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv.ToString()) });
        await Page.ClickAsync("#csv-upload");

        await Expect(Page.Locator("#csv-status")).ToHaveTextAsync("Upload stopped.");
        await Expect(Page.Locator("#csv-errors li")).ToContainTextAsync("row 7.value");
        await ScreenshotAsync("refused-row");
        Assert.That(PageErrors.Where(e => !e.Contains("400")), Is.Empty);
    }

    [Test]
    public async Task WrongKey_IsRefusedWithAClearMessage_AndNothingIsStored()
    {
        string real = await Server.SignUpAsync();
        string wrong = real[..^4] + (real.EndsWith("aaaa") ? "bbbb" : "aaaa");
        await Page.GotoAsync("/");

        await Page.FillAsync("#paste-key", wrong);
        await Page.ClickAsync("#paste-form button[type=submit]");

        await Expect(Page.Locator("#signin-error")).ToContainTextAsync("This API key was not accepted (401)");
        await Expect(Page.Locator("#sign-out")).ToHaveCountAsync(0);
        Assert.That(await Page.EvaluateAsync<string?>("() => sessionStorage.getItem('htmcloud.apiKey')"), Is.Null);
        await ScreenshotAsync("wrong-key");

        await Page.FillAsync("#paste-key", "not-a-key");
        await Page.ClickAsync("#paste-form button[type=submit]");
        await Expect(Page.Locator("#signin-error")).ToContainTextAsync("keys start with htm_");
    }
}
