using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Tests.Hosting;

namespace ServiceInsights.Tests.EndToEnd;

/// <summary>
/// Every page on the seed data, on a laptop (1440×900) and a phone (390×844), in both languages: no chart text may be
/// smaller than 11 px, on the phone every app-bar control must lie inside the viewport and every table marked
/// <c>si-fits-phone</c> inside its container, on the laptop no table may be wider than its container. One app and
/// one browser for all of it; with SI_SCREENSHOTS set each view is kept as a screenshot.
/// </summary>
[Trait("Category", "EndToEnd")]
public class PageLayoutJourneyTests
{
    private static readonly (int Width, int Height)[] Viewports = [(1440, 900), (390, 844)];

    [Fact]
    public async Task EveryPageFitsALaptopAndAPhoneInBothLanguages()
    {
        using var app = new AppFactory { SeedData = true };
        var baseAddress = app.StartKestrel();
        var eightD = await DraftAnEightDAsync(app);
        string[] managerPages =
        [
            "/", "/tickets", "/repairs", "/site-visits", "/callbacks", "/complaints", "/kpi", "/kpi/staff",
            "/reports/callbacks", "/reports/complaints", "/reports/repairs", "/reports/kpi", "/eightd", "/eightd/clusters", $"/eightd/{eightD}", "/callbacks/worklist", "/kpi/closes", "/follow-ups",
        ];
        (string Role, string[] Paths)[] visits = [(AppRoles.Manager, managerPages), (AppRoles.Admin, ["/import", "/admin/settings", "/admin/users", "/admin/delivery"])];

        await using var browser = await BrowserSession.StartAsync(baseAddress);
        var page = browser.Page;
        var failures = new List<string>();
        foreach (var (role, paths) in visits)
        {
            await page.Context.ClearCookiesAsync();
            await page.SetViewportSizeAsync(1440, 900);
            await browser.SignInAsync(role);
            foreach (var language in new[] { "zh-CN", "en-US" })
            {
                await page.GotoAsync($"/culture/set?culture={language}&redirectUri=%2F");
                foreach (var (width, height) in Viewports)
                {
                    await page.SetViewportSizeAsync(width, height);
                    foreach (var path in paths)
                    {
                        await page.GotoAsync(path);
                        await browser.WaitForInteractiveAsync();
                        await WaitUntilLoadedAsync(page);
                        var problems = await page.EvaluateAsync<string[]>(LayoutProblemsScript, width < 600);
                        failures.AddRange(problems.Select(p => $"{path} {language} {width}px: {p}"));
                        await browser.ShotAsync($"layout-{Slug(path)}-{language}-{width}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(browser.Problems.Count == 0, string.Join(Environment.NewLine, browser.Problems));
    }

    /// <summary>The editor is a page too: a draft from the seed's first complaint.</summary>
    private static async Task<string> DraftAnEightDAsync(AppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<ServiceInsightsDbContext>>().CreateDbContextAsync();
        var complaint = await db.Complaints.OrderBy(c => c.ComplaintNo).Select(c => c.ComplaintNo).FirstAsync();
        var draft = await app.Services.GetRequiredService<EightDService>().CreateFromComplaintAsync(complaint, "王建国");
        return draft.Number;
    }

    /// <summary>A page has loaded when no running progress bar and no "loading" row is left (the data loads after the circuit starts).</summary>
    private static async Task WaitUntilLoadedAsync(IPage page)
    {
        await Assertions.Expect(page.Locator(".mud-progress-indeterminate, .mud-table-loading")).ToHaveCountAsync(0);
        await page.WaitForTimeoutAsync(250); // charts and breakpoints settle after the first render
    }

    private static string Slug(string path) => path == "/" ? "home" : path.Trim('/').Replace('/', '-');

    /// <summary>
    /// At any width: chart text (a scale, a category, a value, a legend) drawn smaller than 11 px. On a phone: each visible
    /// button, link or input of the app bar that is not fully inside the viewport, and each table made to fit a phone
    /// (<c>si-fits-phone</c>) that is wider than its box. On a laptop: each table wider than the box it sits in (which would
    /// scroll it sideways and hide columns), and a page wider than the window.
    /// </summary>
    private const string LayoutProblemsScript = """
        phone => {
            const problems = [];
            const viewport = document.documentElement.clientWidth;
            const wider = table => table.offsetWidth > 0 && table.offsetWidth > table.parentElement.clientWidth + 1;
            const name = el => {
                const labelled = el.closest('[data-testid]');
                return el.getAttribute('aria-label') || (labelled && labelled.getAttribute('data-testid')) || el.textContent.trim().slice(0, 40);
            };
            // Chart text at any width: what Chromium draws, the computed size times the SVG's scale on screen.
            for (const el of document.querySelectorAll('.mud-main-content svg text, .mud-main-content .si-chart *')) {
                if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
                if (![...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim().length > 0)) continue;
                let size = parseFloat(getComputedStyle(el).fontSize);
                if (el instanceof SVGGraphicsElement && el.getScreenCTM()) size *= Math.abs(el.getScreenCTM().d);
                if (size < 11) {
                    problems.push(`chart text "${el.textContent.trim().slice(0, 20)}" is ${size.toFixed(1)} px (less than 11)`);
                }
            }
            if (phone) {
                for (const el of document.querySelectorAll('.mud-appbar button, .mud-appbar a, .mud-appbar input')) {
                    const r = el.getBoundingClientRect();
                    if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
                    if (r.left < 0 || r.right > viewport + 0.5) {
                        problems.push(`app-bar control "${name(el)}" spans ${Math.round(r.left)}–${Math.round(r.right)} px of ${viewport}`);
                    }
                }
                for (const table of document.querySelectorAll('.mud-main-content .si-fits-phone table')) {
                    if (wider(table)) {
                        problems.push(`table "${name(table)}" is ${table.offsetWidth} px in a ${table.parentElement.clientWidth} px box on a phone`);
                    }
                }
            } else {
                for (const table of document.querySelectorAll('.mud-main-content table')) {
                    if (wider(table)) {
                        problems.push(`table "${name(table)}" is ${table.offsetWidth} px in a ${table.parentElement.clientWidth} px box`);
                    }
                }
                if (document.documentElement.scrollWidth > viewport + 1) {
                    problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${viewport} px window`);
                }
            }
            return problems;
        }
        """;
}
