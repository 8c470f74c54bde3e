using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace ServiceInsights.Tests.EndToEnd;

[Trait("Category", "EndToEnd")]
public class RecordBrowsingJourneyTests
{
    [Fact]
    public async Task StaffFiltersTicketsOpensOneAndFollowsItsCallback()
    {
        using var app = new AppFactory();
        var baseAddress = app.StartKestrel(); // migrates the app's database file
        await app.AddRecordsAsync(
            new TicketBuilder().No("GD-E2E-1").ReceivedAt("2026-10-20 09:30").Customer("黑龙江北大荒农垦集团")
                .Product("土壤水分速测仪", "TDR-300").Staff("张丽").Problem("探头读数漂移").Build(),
            new TicketBuilder().No("GD-E2E-2").ReceivedAt("2026-10-21 14:00").Customer("山东寿光蔬菜合作社").Staff("王芳").Build(),
            new CallbackBuilder().No("HF-E2E-1").Ticket("GD-E2E-1").At("2026-10-27 10:00").Method(CallbackMethod.Phone).Satisfaction(4).Build());
        await using var browser = await BrowserSession.StartAsync(baseAddress);
        var page = browser.Page;
        await browser.SignInAsync(AppRoles.Staff);

        // The tickets of October, from the drawer's link with the month in the URL.
        await page.GotoAsync("/tickets?month=2026-10");
        await browser.WaitForInteractiveAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("服务工单");
        var rows = page.Locator("tr.si-record-row");
        await Expect(rows).ToHaveCountAsync(2);
        await browser.ShotAsync("records-01-tickets");

        // Filter by customer: the filter lands in the URL and the grid narrows.
        await page.Locator("[data-testid=filter-customer] input, input[data-testid=filter-customer]").First.FillAsync("农垦");
        await Expect(page).ToHaveURLAsync(new Regex("customer=%E5%86%9C%E5%9E%A6"));
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("GD-E2E-1");
        await browser.ShotAsync("records-02-filtered");

        // Open the ticket: every field, and its callback among the linked records.
        await rows.First.ClickAsync();
        var detail = page.GetByTestId("record-detail");
        await Expect(detail.GetByTestId("detail-key")).ToHaveTextAsync("GD-E2E-1");
        await Expect(detail.Locator("[data-field=Problem]")).ToHaveTextAsync("探头读数漂移");
        var callback = detail.Locator("[data-testid=linked-record][data-key=HF-E2E-1]");
        await Expect(callback).ToContainTextAsync("满意度：4 · 满意");
        await browser.ShotAsync("records-03-ticket-detail");

        // Follow the link to the callback, and back.
        await callback.GetByTestId("linked-open").ClickAsync();
        await Expect(detail.GetByTestId("detail-key")).ToHaveTextAsync("HF-E2E-1");
        await Expect(detail.Locator("[data-field=Method]")).ToHaveTextAsync("电话");
        await browser.ShotAsync("records-04-callback-detail");
        await detail.GetByTestId("detail-back").ClickAsync();
        await Expect(detail.GetByTestId("detail-key")).ToHaveTextAsync("GD-E2E-1");

        Assert.True(browser.Problems.Count == 0, string.Join(Environment.NewLine, browser.Problems));
    }
}
