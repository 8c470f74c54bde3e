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
            Env = FontEnvironment(),
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

    /// <summary>
    /// The machine may have no Chinese font, and then every Chinese character is a box in the screenshots. The PDFs'
    /// Noto Sans SC (in the repo) is added to the browser's fontconfig, for this browser only.
    /// </summary>
    private static Dictionary<string, string>? FontEnvironment()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !Directory.Exists(Path.Combine(folder.FullName, "ServiceInsights.Web", "Exports", "Fonts")))
        {
            folder = folder.Parent;
        }

        if (folder is null)
        {
            return null; // the browser gets this process's environment
        }

        var config = Path.Combine(Path.GetTempPath(), $"si-fonts-{Environment.ProcessId}.conf");
        File.WriteAllText(config, $"""
            <?xml version="1.0"?>
            <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
            <fontconfig>
              <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
              <dir>{Path.Combine(folder.FullName, "ServiceInsights.Web", "Exports", "Fonts")}</dir>
              <cachedir>{Path.Combine(Path.GetTempPath(), "si-fontconfig-cache")}</cachedir>
            </fontconfig>
            """);
        // The browser's environment replaces the process's: keep the rest of it.
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "");
        environment["FONTCONFIG_FILE"] = config;
        return environment;
    }

    /// <summary>Signs in as the demo user of a role through the sign-in form and waits for the interactive home page.</summary>
    public async Task SignInAsync(string role)
    {
        var user = Web.Hosting.DemoUsers.All.Single(u => u.Role == role);
        await Page.GotoAsync("/account/login");
        await WaitForInteractiveAsync(); // typing into prerendered inputs is lost when the circuit attaches
        await Page.FillAsync("#login-email", user.Email);
        await Page.FillAsync("#login-password", user.Password);
        await Page.ClickAsync("[data-testid=login-submit]");
        await Assertions.Expect(Page.Locator("h1")).ToHaveTextAsync("欢迎使用 ServiceInsights");
        await WaitForInteractiveAsync();
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
