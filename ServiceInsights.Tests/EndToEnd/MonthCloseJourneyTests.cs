using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Hosting;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace ServiceInsights.Tests.EndToEnd;

[Trait("Category", "EndToEnd")]
public class MonthCloseJourneyTests
{
    [Fact]
    public async Task ManagerClosesOctoberAndDownloadsTheFrozenKpiPdf()
    {
        using var app = new AppFactory();
        using var folder = new TempFolder();
        var baseAddress = app.StartKestrel();
        await app.AddRecordsAsync(
            new TicketBuilder().No("GD-MC-1").ReceivedAt("2026-10-20 09:30").Staff("张丽").With(t => t.SmsConfirmedAt = TestClock.Utc("2026-10-20 09:40")).Build(),
            new TicketBuilder().No("GD-MC-2").ReceivedAt("2026-10-21 14:00").Staff("王芳").Build());
        await using var browser = await BrowserSession.StartAsync(baseAddress);
        var page = browser.Page;
        await browser.SignInAsync(AppRoles.Manager);

        await page.GotoAsync("/kpi?month=2026-10");
        await browser.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("month-closed")).ToHaveCountAsync(0);
        await page.GetByTestId("month-close").ClickAsync();
        await Expect(page.GetByTestId("month-close-confirm")).ToContainTextAsync("定版 2026-10");
        await browser.ShotAsync("month-close-01-confirm");
        await page.GetByTestId("month-close-submit").ClickAsync();

        await Expect(page.GetByTestId("month-closed")).ToContainTextAsync("已定版", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("month-closed")).ToContainTextAsync("manager@serviceinsights.local");
        await Expect(page.Locator("[data-testid=kpi-card][data-rule=CS-1a]").GetByTestId("kpi-rate")).ToHaveTextAsync("50.0%");
        // A Manager closes but does not reopen.
        await Expect(page.GetByTestId("month-reopen")).ToHaveCountAsync(0);
        await browser.ShotAsync("month-close-02-closed");

        await page.GotoAsync("/reports/kpi?month=2026-10");
        await browser.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("month-closed")).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("download-pdf").ClickAsync());
        Assert.Equal("月度KPI报告-2026-10.pdf", download.SuggestedFilename);
        var path = folder.File("kpi.pdf");
        await download.SaveAsAsync(path);
        var archived = await app.Services.GetRequiredService<MonthArchive>().FileAsync(new ReportMonth(2026, 10), "kpi", "pdf", "zh-CN");
        Assert.Equal(archived!.Content, await File.ReadAllBytesAsync(path));
        using (var pdf = PdfDocument.Open(path))
        {
            Assert.Contains("月度KPI报告", string.Concat(pdf.GetPage(1).Letters.Select(l => l.Value)));
        }

        Assert.True(browser.Problems.Count == 0, string.Join(Environment.NewLine, browser.Problems));
    }
}
