using Microsoft.Playwright;
using ServiceInsights.Data.Domain;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace ServiceInsights.Tests.EndToEnd;

[Trait("Category", "EndToEnd")]
public class KpiJourneyTests
{
    [Fact]
    public async Task ManagerOpensACardAndSeesTheFailingRecordWithItsReason()
    {
        using var app = new AppFactory();
        var baseAddress = app.StartKestrel();
        await app.AddRecordsAsync(
            new TicketBuilder().No("GD-KPI-1").ReceivedAt("2026-10-20 09:30").Staff("张丽").With(t => t.SmsConfirmedAt = TestClock.Utc("2026-10-20 09:40")).Build(),
            new TicketBuilder().No("GD-KPI-2").ReceivedAt("2026-10-21 14:00").Staff("王芳").Build());
        await using var browser = await BrowserSession.StartAsync(baseAddress);
        var page = browser.Page;
        await browser.SignInAsync(AppRoles.Manager);

        await page.GotoAsync("/kpi?month=2026-10&asOf=2026-11-27T00:00");
        await browser.WaitForInteractiveAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("KPI 看板");
        var card = page.Locator("[data-testid=kpi-card][data-rule=CS-1a]");
        await Expect(card.GetByTestId("kpi-rate")).ToHaveTextAsync("50.0%");
        await Expect(card.GetByTestId("kpi-counts")).ToContainTextAsync("达标 1 / 2");
        await Expect(page.GetByTestId("kpi-trend")).ToBeVisibleAsync();
        await browser.ShotAsync("kpi-01-dashboard");

        // The card's drill-down: the ticket without an SMS confirmation, with its reason and staff.
        await card.ClickAsync();
        var drill = page.GetByTestId("kpi-drilldown");
        await Expect(drill.GetByTestId("drill-key")).ToHaveTextAsync(["GD-KPI-2"]);
        await Expect(drill.GetByTestId("drill-reason")).ToHaveTextAsync(["无短信确认时间"]);
        await Expect(drill).ToContainTextAsync("王芳");
        await browser.ShotAsync("kpi-02-drilldown");

        // The record itself, and back to the list on closing it.
        await drill.GetByTestId("drill-open").ClickAsync();
        var detail = page.GetByTestId("record-detail");
        await Expect(detail.GetByTestId("detail-key")).ToHaveTextAsync("GD-KPI-2");
        await browser.ShotAsync("kpi-03-record");
        await detail.GetByTestId("detail-close").ClickAsync();
        await Expect(drill.GetByTestId("drill-key")).ToHaveTextAsync(["GD-KPI-2"]);

        Assert.True(browser.Problems.Count == 0, string.Join(Environment.NewLine, browser.Problems));
    }

    [Fact]
    public async Task StaffIsDeniedTheDashboard()
    {
        using var app = new AppFactory();
        await using var browser = await BrowserSession.StartAsync(app.StartKestrel());
        await browser.SignInAsync(AppRoles.Staff);

        await browser.Page.GotoAsync("/kpi?month=2026-10");
        await Expect(browser.Page.GetByTestId("access-denied")).ToBeVisibleAsync();
        Assert.True(browser.Problems.Count == 0, string.Join(Environment.NewLine, browser.Problems));
    }
}
