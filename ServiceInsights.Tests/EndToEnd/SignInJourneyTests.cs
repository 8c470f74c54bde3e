using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ServiceInsights.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace ServiceInsights.Tests.EndToEnd;

[Trait("Category", "EndToEnd")]
public class SignInJourneyTests
{
    [Fact]
    public async Task ManagerSignsInSeesChineseSwitchesToEnglishChangesMonthAndSignsOut()
    {
        using var app = new AppFactory();
        var baseAddress = app.StartKestrel();
        await using var browser = await BrowserSession.StartAsync(baseAddress);
        var page = browser.Page;

        // Anonymous: sent to the sign-in page, in Chinese although the browser asks for English.
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("ServiceInsights 服务洞察");
        await browser.WaitForInteractiveAsync(); // typing into prerendered inputs is lost when the circuit attaches
        await browser.ShotAsync("01-login");

        await page.FillAsync("#login-email", "manager@serviceinsights.local");
        await page.FillAsync("#login-password", "Manager#2026");
        await page.ClickAsync("[data-testid=login-submit]");

        await Expect(page.Locator("h1")).ToHaveTextAsync("欢迎使用 ServiceInsights");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await browser.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("user-menu-button")).ToContainTextAsync("王建国");
        await browser.ShotAsync("02-home-zh");

        // Switch to English through the user menu: the culture cookie is set and the same page comes back.
        await page.GetByTestId("user-menu-button").ClickAsync();
        await Expect(page.GetByTestId("user-role")).ToHaveTextAsync("部门经理");
        await page.GetByTestId("lang-en").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Welcome to ServiceInsights");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en-US");
        await browser.WaitForInteractiveAsync();
        await browser.ShotAsync("03-home-en");

        // Change the month: it lands in the query string, and a reload keeps it.
        var month = page.GetByTestId("month-picker").Locator("input");
        var before = await month.InputValueAsync();
        await page.GetByTestId("month-next").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"\?month=\d{4}-\d{2}$"));
        await Expect(month).Not.ToHaveValueAsync(before);
        var after = await month.InputValueAsync();
        Assert.EndsWith($"month={after}", page.Url);
        await page.ReloadAsync();
        await browser.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("month-picker").Locator("input")).ToHaveValueAsync(after);

        // Pick a month in the calendar popover as well.
        await month.ClickAsync();
        await page.Locator(".mud-picker-month").Filter(new LocatorFilterOptions { HasText = "Jan" }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"month=\d{4}-01$"));
        await browser.ShotAsync("04-month");

        // Sign out.
        await page.GetByTestId("user-menu-button").ClickAsync();
        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/signout"));
        await browser.ShotAsync("05-signout");
        await page.GetByTestId("sign-out-confirm").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await Expect(page.GetByTestId("login-message")).ToBeVisibleAsync();
        await browser.ShotAsync("06-signed-out");
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));

        Assert.True(browser.Problems.Count == 0, string.Join(Environment.NewLine, browser.Problems));
    }

    [Fact]
    public async Task SigningInFromASharedDownloadLinkSavesTheFileAndLeavesTheSignInForm()
    {
        using var app = new AppFactory();
        await using var browser = await BrowserSession.StartAsync(app.StartKestrel());
        var page = browser.Page;

        // A colleague's link to the month's KPI report, opened while signed out.
        await page.GotoAsync("/reports/kpi/2026-10.pdf");
        await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        await browser.WaitForInteractiveAsync();
        await page.FillAsync("#login-email", "manager@serviceinsights.local");
        await page.FillAsync("#login-password", "Manager#2026");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=login-submit]"));

        Assert.EndsWith("-2026-10.pdf", download.SuggestedFilename);
        await Expect(page).ToHaveURLAsync(new Regex("/account/download"));
        await Expect(page.GetByTestId("download-started")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("login-form")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("download-page")).ToHaveAttributeAsync("href", "/reports/kpi?month=2026-10");
        await browser.ShotAsync("signin-download");

        Assert.True(browser.Problems.Count == 0, string.Join(Environment.NewLine, browser.Problems));
    }
}
