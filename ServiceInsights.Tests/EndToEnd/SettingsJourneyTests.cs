using Microsoft.Playwright;
using ServiceInsights.Data.Domain;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace ServiceInsights.Tests.EndToEnd;

[Trait("Category", "EndToEnd")]
public class SettingsJourneyTests
{
    [Fact]
    public async Task AdminChangesATargetEditsADayLoadsAYearAndSeesTheHistory()
    {
        using var folder = new TempFolder();
        var bad = folder.File("cn-2027-bad.json");
        await File.WriteAllTextAsync(bad, """{"year": 2027, "days": [{"name": "元旦", "date": "2027-02-30", "isOffDay": true}]}""");
        var good = folder.File("cn-2027.json");
        await File.WriteAllTextAsync(good, """{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}""");

        using var app = new AppFactory();
        await using var browser = await BrowserSession.StartAsync(app.StartKestrel());
        var page = browser.Page;
        await browser.SignInAsync(AppRoles.Admin);

        await page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new() { Name = "系统设置" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("系统设置");
        await browser.WaitForInteractiveAsync();

        // (a) A target: the VIP response may not exceed the normal one; 45 minutes is saved.
        var response = page.Locator("input[data-testid=target-ResponseMinutes], [data-testid=target-ResponseMinutes] input");
        await response.FillAsync("20");
        await page.GetByTestId("targets-save").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("请先更正");
        await response.FillAsync("45");
        await response.BlurAsync();
        await page.GetByTestId("targets-save").ClickAsync();
        await Expect(page.Locator(".mud-snackbar").Last).ToContainTextAsync("1 项设置有变更");
        await browser.ShotAsync("settings-01-targets");

        // (b) Lists.
        await page.GetByRole(AriaRole.Tab, new() { Name = "清单" }).ClickAsync();
        await Expect(page.GetByTestId("keywords")).ToContainTextAsync("培养箱");
        await browser.ShotAsync("settings-02-lists");

        // (c) Calendar: a working day becomes a day off; a bad year is refused by name, a good one loaded.
        await page.GetByRole(AriaRole.Tab, new() { Name = "工作日历" }).ClickAsync();
        var workday = page.GetByTestId("calendar-month").Locator("[data-kind=workday]").First;
        var testId = await workday.GetAttributeAsync("data-testid");
        await workday.ClickAsync();
        await page.GetByTestId("day-editor").GetByText("休息（节假日）").ClickAsync();
        await page.Locator("input[data-testid=day-name], [data-testid=day-name] input").FillAsync("厂庆");
        await page.GetByTestId("day-save").ClickAsync();
        await Expect(page.GetByTestId(testId!)).ToHaveAttributeAsync("data-kind", "holiday");
        await Expect(page.GetByTestId(testId!)).ToContainTextAsync("厂庆");

        await page.Locator("input[type=file][data-testid=year-upload], [data-testid=year-upload] input[type=file]").SetInputFilesAsync(bad);
        await Expect(page.GetByTestId("year-error")).ToContainTextAsync("cn-2027-bad.json");
        await page.Locator("input[type=file][data-testid=year-upload], [data-testid=year-upload] input[type=file]").SetInputFilesAsync(good);
        await Expect(page.GetByTestId("year-2027")).ToContainTextAsync("已上传");
        await browser.ShotAsync("settings-03-calendar");

        // (d) History: newest first.
        await page.GetByRole(AriaRole.Tab, new() { Name = "修改记录" }).ClickAsync();
        var history = page.GetByTestId("settings-history");
        await Expect(history).ToContainTextAsync("节假日安排 2027 年");
        await Expect(history).ToContainTextAsync("首次响应时限");
        await Expect(history).ToContainTextAsync("admin@serviceinsights.local");
        await browser.ShotAsync("settings-04-history");

        Assert.Empty(browser.Problems);
    }
}
