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

        // Every value the progress bar and the SDR bitmap take, recorded by the page itself (no sampling, no clock).
        await Page.EvaluateAsync(@"() => {
            window.progressSeen = []; window.sdrSeen = [];
            const progress = document.querySelector('#csv-progress');
            new MutationObserver(() => window.progressSeen.push(progress.value))
                .observe(document.querySelector('#csv-status'), { childList: true, characterData: true, subtree: true });
            const columns = document.querySelector('canvas[data-kind=active-columns]');
            new MutationObserver(() => window.sdrSeen.push(Number(columns.dataset.seq || 0)))
                .observe(columns, { attributes: true, attributeFilter: ['data-seq'] });
        }");
        var uploads = new List<(string Method, string? ContentType)>();
        Page.Request += (_, request) =>
        {
            if (request.Url.EndsWith($"/v1/models/{model}/records", StringComparison.Ordinal))
                lock (uploads) uploads.Add((request.Method, request.Headers.GetValueOrDefault("content-type")));
        };

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
        // Responsive = a click takes effect while records stream (each probe waits for the previous click's effect and
        // then finds the upload still running); the lag figures are printed, not asserted, the machine may be loaded.
        Assert.That(samples, Is.GreaterThanOrEqualTo(2), "clicks took effect while records streamed");
        Assert.That(received, Is.GreaterThan(MaxDrawnPoints), "more records arrived than are drawn");
        Assert.That(points, Is.LessThanOrEqualTo(MaxDrawnPoints));
        Assert.That(maxPoints, Is.LessThanOrEqualTo(MaxDrawnPoints));
        Assert.That(anomalies, Is.GreaterThanOrEqualTo(1), "anomaly marks survive decimation (the noise from row 9,000)");
        Assert.That(maxRecords, Is.LessThanOrEqualTo(received));

        // The CSV went as NDJSON requests of 2,000 rows; the bar moved after each one's result lines streamed back.
        lock (uploads) Assert.That(uploads, Is.EqualTo(Enumerable.Repeat(("POST", (string?)"application/x-ndjson"), Rows / 2000)));
        var progress = await Page.EvaluateAsync<double[]>("() => window.progressSeen");
        Assert.That(progress, Is.Ordered.Ascending);
        Assert.That(progress[^1], Is.EqualTo(1));
        Assert.That(progress.Where(p => p > 0 && p < 1).Distinct().Count(), Is.GreaterThanOrEqualTo(Rows / 2000 - 1), "the bar shows progress before the end");

        // The SDR bitmap was redrawn for newer records as they arrived, and ends on the last one.
        await Expect(Page.Locator("canvas[data-kind=active-columns]")).ToHaveAttributeAsync("data-seq", Rows.ToString());
        var drawn = await Page.EvaluateAsync<int[]>("() => window.sdrSeen");
        TestContext.Out.WriteLine($"SDR bitmap redrawn {drawn.Length} times for {drawn.Where(s => s > 0).Distinct().Count()} records");
        Assert.That(drawn.Where(s => s > 0 && s < Rows).Distinct().Count(), Is.GreaterThanOrEqualTo(1), "drawn for a record before the last");
        Assert.That(PageErrors, Is.Empty);
    }
}
