using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Domain;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace ServiceInsights.Tests.EndToEnd;

[Trait("Category", "EndToEnd")]
public class EightDJourneyTests
{
    [Fact]
    public async Task QualityEngineerDraftsAnEightDFromAComplaintEditsItFindsTheEditsAfterReloadSubmitsItAndDownloadsThePdf()
    {
        using var app = new AppFactory();
        var baseAddress = app.StartKestrel();
        await app.AddRecordsAsync(
            new TicketBuilder().No("GD-8D-1").ReceivedAt("2026-10-08 09:30").Customer("黑龙江北大荒农垦集团").Product("土壤水分速测仪", "TDR-300")
                .Problem("探头读数漂移").Build(),
            new RepairBuilder().No("WX-8D-1").Ticket("GD-8D-1").ReceivedAt("2026-10-10 10:00").FaultCause("探头焊点虚焊").Build(),
            new ComplaintBuilder().No("TS-8D-1").Ticket("GD-8D-1").ReceivedAt("2026-10-20 11:00").Customer("黑龙江北大荒农垦集团")
                .Description("返修后再次漂移").Build());
        await using var browser = await BrowserSession.StartAsync(baseAddress);
        var page = browser.Page;
        await browser.SignInAsync(AppRoles.QualityEngineer);

        // The complaint's detail offers "Draft 8D"; the draft opens prefilled.
        await page.GotoAsync("/complaints?month=2026-10");
        await browser.WaitForInteractiveAsync();
        await page.Locator("tr.si-record-row").First.ClickAsync();
        await page.GetByTestId("complaint-draft-8d").ClickAsync();
        // The app bar keeps the month the user was in (2026-10), not today's.
        await Expect(page).ToHaveURLAsync(new Regex(@"/eightd/8D-\d{4}-\d+\?month=2026-10"));
        var number = Regex.Match(page.Url, @"8D-\d{4}-\d+").Value;
        await Expect(page.GetByTestId("eightd-status")).ToHaveAttributeAsync("data-status", "Draft");
        await Expect(page.GetByTestId("month-picker").Locator("input")).ToHaveValueAsync("2026-10");
        // People by display name: the quality engineer is 李明, never the login.
        await Expect(page.GetByText("起草人 李明")).ToBeVisibleAsync();
        await Expect(page.Locator("body")).Not.ToContainTextAsync("quality@serviceinsights.local");
        await Expect(page.GetByTestId("open-items")).ToContainTextAsync("D3"); // the sections with open items
        await browser.ShotAsync("eightd-01-draft");

        // D2: the problem statement.
        var saveState = page.GetByTestId("save-state");
        await Tab(page, "D2").ClickAsync();
        // Each prefilled sentence names its records on hover ("来源").
        await Expect(page.GetByTestId("source-note").First).ToHaveAttributeAsync("title", new Regex("来源：.*GD-8D-1"));
        await SavedAsync(saveState, () => Field(page, "d2-statement").FillAsync("TDR-300 探头读数漂移：同一台 10 月内两次返修"));

        // D4: a confirmed occurrence cause carrying the whole problem.
        await Tab(page, "D4").ClickAsync();
        await SavedAsync(saveState, () => page.GetByTestId("d4-add-Occurrence").ClickAsync());
        await SavedAsync(saveState, () => Field(page, "d4-description").FillAsync("探头焊点虚焊"));
        await SavedAsync(saveState, () => Field(page, "d4-contribution").FillAsync("100"));
        await browser.ShotAsync("eightd-02-d4");

        // A reload shows what was saved (the tab is in the URL).
        await page.ReloadAsync();
        await browser.WaitForInteractiveAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/eightd/{number}\\?(.*&)?tab=D4$"));
        await Expect(page).ToHaveURLAsync(new Regex("month=2026-10"));
        await Expect(Field(page, "d4-description")).ToHaveValueAsync("探头焊点虚焊");
        await Expect(Field(page, "d4-contribution")).ToHaveValueAsync("100");
        await Tab(page, "D2").ClickAsync();
        await Expect(Field(page, "d2-statement")).ToHaveValueAsync("TDR-300 探头读数漂移：同一台 10 月内两次返修");

        // Submit for review.
        await page.GetByTestId("step-InReview").ClickAsync();
        await Expect(page.GetByTestId("eightd-status")).ToHaveAttributeAsync("data-status", "InReview");
        await Expect(page.GetByTestId("eightd-status")).ToHaveTextAsync("审核中");
        await browser.ShotAsync("eightd-03-in-review");

        // The form downloads as a PDF that carries the disciplines and the complaint.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("eightd-downloads").Locator("a").First.ClickAsync());
        Assert.Equal($"{number}.pdf", download.SuggestedFilename);
        await using (var stream = File.OpenRead(await download.PathAsync()))
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(stream))
        {
            var text = string.Concat(pdf.GetPages().Select(p => p.Text)).Replace(" ", "");
            Assert.Contains("TS-8D-1", text);
            Assert.All(new[] { "D1", "D2", "D3", "D4", "D5", "D6", "D7", "D8" }, d => Assert.Contains(d, text));
            // The author by display name in the sign-off and as owner; the login nowhere.
            Assert.Contains("编制李明", text);
            Assert.Contains("负责人李明", text);
            Assert.DoesNotContain("quality@serviceinsights.local", text);
        }

        // The complaint now shows its 8D instead of the button.
        await page.GotoAsync("/complaints?month=2026-10");
        await browser.WaitForInteractiveAsync();
        await page.Locator("tr.si-record-row").First.ClickAsync();
        await Expect(page.GetByTestId("complaint-eightd-link")).ToHaveTextAsync(number);

        Assert.True(browser.Problems.Count == 0, string.Join(Environment.NewLine, browser.Problems));
    }

    /// <summary>
    /// Leaving the editor tears its tabs down, and each removed panel used to report a tab change whose navigation failed
    /// on the closing circuit ("Navigation failed … JSDisconnectedException", four times a visit). Switching tabs, then
    /// leaving by a link, by typing another address and by closing the page must leave the server log without an error.
    /// </summary>
    [Fact]
    public async Task LeavingTheEditorAfterSwitchingTabsLogsNoError()
    {
        using var app = new AppFactory();
        var baseAddress = app.StartKestrel();
        await app.AddRecordsAsync(
            new TicketBuilder().No("GD-8D-2").ReceivedAt("2026-10-08 09:30").Product("土壤水分速测仪", "TDR-300").Build(),
            new ComplaintBuilder().No("TS-8D-2").Ticket("GD-8D-2").ReceivedAt("2026-10-20 11:00").Description("读数漂移").Build());
        var number = (await app.Services.GetRequiredService<EightDService>().CreateFromComplaintAsync("TS-8D-2", "李明")).Number;
        await using var browser = await BrowserSession.StartAsync(baseAddress);
        var page = browser.Page;
        await browser.SignInAsync(AppRoles.QualityEngineer);

        async Task OpenAndSwitchTabsAsync()
        {
            await page.GotoAsync($"/eightd/{number}?month=2026-10");
            await browser.WaitForInteractiveAsync();
            foreach (var tab in new[] { "D2", "D4", "D7" })
            {
                await Tab(page, tab).ClickAsync();
                await Expect(page).ToHaveURLAsync(new Regex($"tab={tab}"));
            }
        }

        // Away by a link of the navigation (the circuit stays, the page is disposed).
        await OpenAndSwitchTabsAsync();
        await page.Locator(".mud-navmenu a[href^='/complaints']").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/complaints"));
        // Away by another address (the circuit closes).
        await OpenAndSwitchTabsAsync();
        await page.GotoAsync("/eightd");
        await browser.WaitForInteractiveAsync();
        // The page closed on the editor.
        await OpenAndSwitchTabsAsync();
        await page.CloseAsync();

        // The server notices the closed connections and disposes their circuits: wait for that, then read its log.
        var circuits = app.Services.GetRequiredService<CircuitCount>();
        for (var i = 0; i < 100 && circuits.Open > 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, circuits.Open);
        var problems = app.Logs.Entries.Where(e => e.Level >= LogLevel.Error || $"{e.Message} {e.Exceptions}".Contains("JSDisconnected", StringComparison.Ordinal)
                                                  || e.Message.Contains("Navigation failed", StringComparison.Ordinal)).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private static ILocator Tab(IPage page, string name) =>
        page.Locator(".mud-tab").Filter(new LocatorFilterOptions { HasTextRegex = new Regex($"^{name}") });

    /// <summary>A MudBlazor input: the test id lands on the input (or, when it grows with its text, the textarea).</summary>
    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}]").First;

    /// <summary>Runs an edit and waits until it is saved: a newer version and the state "saved".</summary>
    private static async Task SavedAsync(ILocator saveState, Func<Task> edit)
    {
        var before = int.Parse(await saveState.GetAttributeAsync("data-version") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        await edit();
        await Expect(saveState).ToHaveAttributeAsync("data-version", new Regex($"^(?!{before}$)\\d+$"));
        await Expect(saveState).ToHaveAttributeAsync("data-state", "Saved");
    }
}
