using System.Diagnostics;
using HtmCloud.Web.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace HtmCloud.Web.Tests;

/// <summary>A long stream into an open live view: the page keeps answering and the chart keeps a bounded number of points.</summary>
public sealed class StreamingTests : DashboardFixture
{
    private const int Rows = 10_000;
    private const int MaxDrawnPoints = 1000; // live.ts: maxPoints

    [Test]
    public async Task TenThousandRecords_StreamIn_WhileThePageStaysResponsive_AndTheChartDecimates()
    {
        string key = await Server.SignUpAsync();
        var model = await Server.CreateModelAsync(key, "busy");
        await PasteKeyAsync(key);
        await Page.GotoAsync($"/#/models/{model}");
        await Page.ReloadAsync(); // the key stays for the tab's session
        await Expect(Page.Locator("#live-status")).ToHaveTextAsync("live");

        await Page.SetInputFilesAsync("#csv-file", new Microsoft.Playwright.FilePayload { Name = "long.csv", MimeType = "text/csv", Buffer = CsvFiles.SineWithBurst(Rows, 9000) });
        await Page.ClickAsync("#csv-upload");

        // While records stream: the page's event loop answers, a click takes effect, and the drawn points stay bounded.
        var chart = Page.Locator("#live-chart");
        var status = Page.Locator("#csv-status");
        double worstLag = 0, worstClick = 0;
        int samples = 0, maxPoints = 0, maxRecords = 0;
        while (!(await status.TextContentAsync() ?? "").StartsWith("Done", StringComparison.Ordinal))
        {
            Assert.That(await status.TextContentAsync(), Does.Not.StartWith("Upload stopped"));
            // Time from a macrotask being queued to it running: how long the page's thread is kept busy.
            worstLag = Math.Max(worstLag, await Page.EvaluateAsync<double>(
                "() => new Promise(done => { const t = performance.now(); setTimeout(() => done(performance.now() - t), 0); })"));
            var clicked = Stopwatch.StartNew();
            string pressed = await Page.Locator("#pause-chart").GetAttributeAsync("aria-pressed") ?? "false";
            await Page.ClickAsync("#pause-chart");
            await Expect(Page.Locator("#pause-chart")).Not.ToHaveAttributeAsync("aria-pressed", pressed);
            worstClick = Math.Max(worstClick, clicked.Elapsed.TotalMilliseconds);
            maxPoints = Math.Max(maxPoints, int.Parse(await chart.GetAttributeAsync("data-points") ?? "0"));
            maxRecords = Math.Max(maxRecords, int.Parse(await chart.GetAttributeAsync("data-records") ?? "0"));
            samples++;
            await Page.WaitForTimeoutAsync(250);
        }
        if (await Page.Locator("#pause-chart").GetAttributeAsync("aria-pressed") == "true") await Page.ClickAsync("#pause-chart");

        await Expect(status).ToHaveTextAsync("Done: 10,000 records processed.");
        var counts = Page.Locator("#live-counts");
        await Expect(counts).ToHaveAttributeAsync("data-total", Rows.ToString());
        int received = int.Parse((await counts.GetAttributeAsync("data-received"))!);
        await Expect(chart).ToHaveAttributeAsync("data-records", received.ToString());
        int points = int.Parse((await chart.GetAttributeAsync("data-points"))!);
        int anomalies = int.Parse((await chart.GetAttributeAsync("data-anomalies"))!);
        await ScreenshotAsync("after-10000-records");

        TestContext.Out.WriteLine($"{samples} samples while streaming; worst event-loop lag {worstLag:F0} ms, worst click {worstClick:F0} ms; " +
                                  $"{received} records shown of {Rows}, {points} points drawn");
        Assert.That(samples, Is.GreaterThanOrEqualTo(2), "the page was probed while records streamed");
        Assert.That(worstLag, Is.LessThan(1500), "the page's thread never stalled for long");
        Assert.That(worstClick, Is.LessThan(10_000), "a click took effect promptly while streaming");
        Assert.That(received, Is.GreaterThan(MaxDrawnPoints), "more records arrived than are drawn");
        Assert.That(points, Is.LessThanOrEqualTo(MaxDrawnPoints));
        Assert.That(maxPoints, Is.LessThanOrEqualTo(MaxDrawnPoints));
        Assert.That(anomalies, Is.GreaterThanOrEqualTo(1), "anomaly marks survive decimation (the noise from row 9,000)");
        Assert.That(maxRecords, Is.LessThanOrEqualTo(received));
        Assert.That(PageErrors, Is.Empty);
    }
}
