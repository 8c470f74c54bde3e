using Microsoft.Playwright;

namespace ServiceInsights.Tests.EndToEnd;

/// <summary>
/// Debian's Chromium driven by Playwright (no browser download: <c>playwright install</c> cannot reach the internet
/// here). A page records console errors and HTTP responses ≥ 400 so every journey can assert there were none.
/// Set SI_SCREENSHOTS to a folder to keep a screenshot of each <see cref="ShotAsync"/>.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public List<string> Problems { get; } = [];

    public IPage Page { get; private set; } = null!;

    public static async Task<BrowserSession> StartAsync(Uri baseAddress)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: run ./test.sh (it installs Debian's chromium) or apt-get install -y chromium.");
        }

        var session = new BrowserSession { _playwright = await Playwright.CreateAsync() };
        session._browser = await session._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        var context = await session._browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "en-US", // the browser's language must not decide the UI language: zh-CN is the default.
            ViewportSize = new ViewportSize { Width = 1366, Height = 850 },
        });
        context.SetDefaultTimeout(20_000);
        session.Page = await context.NewPageAsync();
        session.Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session.Problems.Add($"console error: {message.Text}");
            }
        };
        session.Page.PageError += (_, error) => session.Problems.Add($"page error: {error}");
        session.Page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                session.Problems.Add($"HTTP {response.Status} {response.Url}");
            }
        };
        return session;
    }

    /// <summary>Waits until the Blazor circuit is up: a click on prerendered HTML does nothing.</summary>
    public Task WaitForInteractiveAsync() =>
        Page.Locator("#si-ready[data-interactive='true']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public async Task ShotAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("SI_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
