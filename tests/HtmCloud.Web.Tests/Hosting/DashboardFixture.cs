using Microsoft.Playwright;

namespace HtmCloud.Web.Tests.Hosting;

/// <summary>
/// Base of a browser test fixture: one server and one Debian Chromium per fixture, a fresh browser context (no
/// storage, no key) per test. Timeouts are generous and every wait is on a condition: the machine may be loaded.
/// Screenshots are saved as test attachments; a failed test gets one of the page as it was.
/// </summary>
public abstract class DashboardFixture
{
    public const string ChromiumVariable = "HTMCLOUD_TEST_CHROMIUM";
    protected static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;
    private readonly List<string> _pageErrors = [];
    private readonly List<string> _requests = [];
    private int _shots;

    protected DashboardServer Server { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            string why = $"{chromium} is missing: run the tests through infra/test.sh, which installs Debian's chromium.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(why);
            Assert.Ignore(why);
        }

        Server = DashboardServer.Start();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Timeout = (float)Patience.TotalMilliseconds,
            // No sandbox (CI runs as root); no GPU; no calls home, which this machine's network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Assertions.SetDefaultExpectTimeout((float)Patience.TotalMilliseconds);
    }

    [SetUp]
    public async Task OpenPageAsync()
    {
        _pageErrors.Clear();
        _requests.Clear();
        _shots = 0;
        _context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            AcceptDownloads = true,
        });
        await _context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = Server.Address.GetLeftPart(UriPartial.Authority) });
        _context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        Page = await _context.NewPageAsync();
        Page.PageError += (_, error) => _pageErrors.Add(error);
        Page.Request += (_, request) =>
        {
            lock (_requests) _requests.Add(request.Url);
        };
        Page.Console += (_, message) =>
        {
            if (message.Type == "error") _pageErrors.Add(message.Text);
        };
    }

    [TearDown]
    public async Task ClosePageAsync()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed && _context is not null)
        {
            await ScreenshotAsync("failure");
        }
        if (_context is not null) await _context.CloseAsync();
        _context = null;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }

    /// <summary>Saves the whole page as a PNG attached to the current test.</summary>
    protected async Task ScreenshotAsync(string step)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{TestContext.CurrentContext.Test.Name}-{++_shots:00}-{step}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file, step);
    }

    /// <summary>Errors the page logged or threw (a CSP violation, an unhandled rejection); a test ends with none.</summary>
    protected IReadOnlyList<string> PageErrors => _pageErrors;

    /// <summary>Every URL the page asked for that is not on the server's origin (nor data: or blob:): none, no CDN.</summary>
    protected IReadOnlyList<string> ForeignRequests
    {
        get
        {
            string origin = Server.Address.GetLeftPart(UriPartial.Authority) + "/";
            lock (_requests) return _requests.Where(u => !u.StartsWith(origin, StringComparison.Ordinal) && !u.StartsWith("data:") && !u.StartsWith("blob:")).ToArray();
        }
    }

    /// <summary>Signs in by pasting a key into the page, as a returning user would.</summary>
    protected async Task PasteKeyAsync(string apiKey)
    {
        await Page.GotoAsync("/");
        await Page.FillAsync("#paste-key", apiKey);
        await Page.ClickAsync("#paste-form button[type=submit]");
        await Assertions.Expect(Page.Locator("#sign-out")).ToBeVisibleAsync();
    }
}
