using HtmCloud.Web.Tests.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HtmCloud.Web.Tests;

/// <summary>The whole path a new user takes, in Chromium: sign up, model, CSV upload, live chart and SDRs, webhooks, checkpoints.</summary>
public sealed class DashboardFlowTests : DashboardFixture
{
    [Test]
    public async Task SignUp_CreateModel_UploadCsv_ShowsChartAnomaliesSdrs_WebhookDeliveries_AndCheckpoints()
    {
        await using var receiver = await HookReceiver.StartAsync();

        // Sign up: the key is shown once, with a copy button.
        await Page.GotoAsync("/");
        await Page.FillAsync("#signup-email", $"ana-{Guid.NewGuid():N}@example.com");
        await Page.ClickAsync("#signup-form button[type=submit]");
        var key = Page.Locator("#new-key-value");
        await Expect(key).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^htm_"));
        await Page.ClickAsync("#copy-key");
        await Expect(Page.Locator("#copy-status")).ToHaveTextAsync("Copied.");
        Assert.That(await Page.EvaluateAsync<string>("() => navigator.clipboard.readText()"), Is.EqualTo(await key.InputValueAsync()));
        await ScreenshotAsync("key-shown-once");
        await Page.ClickAsync("#key-continue");
        await Expect(Page.Locator("#new-key-value")).ToHaveCountAsync(0); // shown once: gone once saved

        // A model from the template; a short learning period so 1,000 records reach likelihoods.
        await Page.FillAsync("#model-name", "cpu");
        await Page.SelectOptionAsync("#model-template", "scalar-anomaly");
        await Page.FillAsync("#template-probation", "300");
        await Page.ClickAsync("#create-from-template");
        await Expect(Page.Locator("#model-title")).ToContainTextAsync("cpu");
        await Expect(Page.Locator("#model-list .model-link")).ToHaveTextAsync("cpu");
        await Expect(Page.Locator("#live-status")).ToHaveTextAsync("live");

        // A webhook endpoint on the loopback receiver.
        await Page.FillAsync("#webhook-url", receiver.Url);
        await Page.ClickAsync("#webhook-add");
        await Expect(Page.Locator("#webhook-secret")).ToContainTextAsync("whsec_");

        // 1,000 rows whose columns are not named like the model's fields: pick them.
        await Page.SetInputFilesAsync("#csv-file", new FilePayload { Name = "cpu.csv", MimeType = "text/csv", Buffer = CsvFiles.SineWithBurst(1000, 800) });
        await Expect(Page.Locator("#csv-status")).ToContainTextAsync("1,000 rows");
        await Page.SelectOptionAsync("#csv-column-timestamp", new SelectOptionValue { Label = "time" });
        await Page.SelectOptionAsync("#csv-column-value", new SelectOptionValue { Label = "cpu" });
        await Page.ClickAsync("#csv-upload");
        await Expect(Page.Locator("#csv-status")).ToHaveTextAsync("Done: 1,000 records processed.");
        Assert.That(await Page.Locator("#csv-progress").EvaluateAsync<double>("p => p.value"), Is.EqualTo(1));

        // The chart holds every record (1,000 fit undecimated) and marks at least one anomaly.
        var chart = Page.Locator("#live-chart");
        await Expect(chart).ToHaveAttributeAsync("data-records", "1000");
        await Expect(chart).ToHaveAttributeAsync("data-points", "1000");
        int anomalies = int.Parse((await chart.GetAttributeAsync("data-anomalies"))!);
        Assert.That(anomalies, Is.GreaterThanOrEqualTo(1), "the noise from row 800 is marked (likelihood ≥ 0.99, the default)");
        Assert.That(await chart.Locator("canvas").CountAsync(), Is.GreaterThanOrEqualTo(1));
        Assert.That(await chart.Locator(".u-legend .u-series th").AllTextContentsAsync(),
            Is.EqualTo(new[] { "record", "value", "raw anomaly", "likelihood", "anomaly" }), "value, raw anomaly and likelihood on one chart");
        int red = await chart.Locator("canvas").First.EvaluateAsync<int>(@"c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
            for (let i = 0; i < d.length; i += 4) if (d[i] > 200 && d[i + 1] < 60 && d[i + 2] < 90) n++;
            return n; }");
        Assert.That(red, Is.GreaterThan(0), "the anomaly marks are drawn (red points)");

        // Hovering names the record under the cursor by its seq and its CSV timestamp (row n is 5(n-1) minutes in).
        await chart.Locator(".u-over").HoverAsync();
        var hovered = chart.Locator(".u-legend .u-series").First.Locator(".u-value");
        await Expect(hovered).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^#\d+ \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"));
        string[] legend = (await hovered.TextContentAsync())!.TrimStart('#').Split(' ');
        var expectedTime = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(5 * (long.Parse(legend[0]) - 1));
        Assert.That(DateTime.Parse(legend[1], null, System.Globalization.DateTimeStyles.AdjustToUniversal), Is.EqualTo(expectedTime));

        // The SDR bitmaps: active columns drawn in green on the canvas.
        var columns = Page.Locator("canvas[data-kind=active-columns]");
        await Expect(columns).Not.ToHaveAttributeAsync("data-on", "0");
        int green = await columns.EvaluateAsync<int>(@"c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
            for (let i = 0; i < d.length; i += 4) if (d[i + 1] > 150 && d[i] < 100) n++;
            return n; }");
        Assert.That(green, Is.GreaterThan(0), "active columns are drawn");
        var cells = Page.Locator("canvas[data-kind=predictive-cells]");
        await Expect(cells).Not.ToHaveAttributeAsync("data-on", "0");
        int blue = await cells.EvaluateAsync<int>(@"c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
            for (let i = 0; i < d.length; i += 4) if (d[i + 2] > 200 && d[i] < 100) n++;
            return n; }");
        Assert.That(blue, Is.EqualTo(int.Parse((await cells.GetAttributeAsync("data-on"))!)), "one blue pixel per predictive cell");
        await ScreenshotAsync("chart-and-sdrs");

        // Webhook deliveries appear with their status and attempts; redeliver sends one again.
        var delivered = Page.Locator("#webhook-list tr.delivery[data-status=succeeded]").First;
        await Expect(delivered).ToBeVisibleAsync();
        Assert.That(receiver.Received, Is.GreaterThanOrEqualTo(1));
        string id = (await delivered.GetAttributeAsync("data-delivery"))!;
        int before = receiver.Received;
        await delivered.Locator("button.redeliver").ClickAsync();
        await Expect(Page.Locator($"#webhook-list tr.delivery[data-delivery='{id}']")).ToHaveAttributeAsync("data-attempts", "2");
        await Expect(Page.Locator($"#webhook-list tr.delivery[data-delivery='{id}']")).ToHaveAttributeAsync("data-status", "succeeded");
        Assert.That(receiver.Received, Is.GreaterThan(before));
        await ScreenshotAsync("webhook-deliveries");

        // Checkpoints: create, export (a download), restore.
        await Page.ClickAsync("#checkpoint-create");
        await Expect(Page.Locator("#checkpoint-message")).ToContainTextAsync("Checkpoint after record");
        var row = Page.Locator("#checkpoint-list tr").First;
        await Expect(row).ToBeVisibleAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.ClickAsync("#model-export"));
        Assert.That(download.SuggestedFilename, Does.EndWith(".htmmodel"));
        Assert.That(new FileInfo((await download.PathAsync())!).Length, Is.GreaterThan(0));
        await row.Locator("button.restore").ClickAsync();
        await row.Locator("button.restore").ClickAsync(); // the second click confirms
        await Expect(Page.Locator("#checkpoint-message")).ToContainTextAsync("Restored to record");
        await ScreenshotAsync("checkpoints");

        // The endpoint can be disabled, and deleted with a confirming second click.
        var hook = Page.Locator("#webhook-list .webhook").First;
        await hook.Locator("button.webhook-disable").ClickAsync();
        await Expect(hook).ToHaveAttributeAsync("data-enabled", "false");
        await hook.Locator("button.webhook-delete").ClickAsync();
        await Expect(hook.Locator("button.webhook-delete")).ToHaveTextAsync("Confirm delete (and its deliveries)");
        Assert.That(await Page.Locator("#webhook-list .webhook").CountAsync(), Is.EqualTo(1), "the first click only asks");
        await hook.Locator("button.webhook-delete").ClickAsync();
        await Expect(Page.Locator("#webhook-list .webhook")).ToHaveCountAsync(0);

        Assert.That(PageErrors, Is.Empty);
        Assert.That(ForeignRequests, Is.Empty, "everything comes from the API's own origin");
    }
}
