using Microsoft.Playwright;
using MimeKit;
using ServiceInsights.Data.Domain;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Delivery;
using ServiceInsights.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace ServiceInsights.Tests.EndToEnd;

[Trait("Category", "EndToEnd")]
public class DeliveryJourneyTests
{
    [Fact]
    public async Task AnAdminCreatesASubscriptionAndSendsItNowToTheManager()
    {
        await using var smtp = new TestSmtpServer();
        using var app = new AppFactory
        {
            Settings = new Dictionary<string, string>(smtp.Settings.Select(s => KeyValuePair.Create(s.Key, s.Value!)))
            {
                ["Delivery:SchedulerEnabled"] = "false",
            },
        };
        var baseAddress = app.StartKestrel();
        await app.AddRecordsAsync(
            new TicketBuilder().No("GD-DL-1").ReceivedAt("2026-10-20 09:30").Staff("张丽").With(t => t.SmsConfirmedAt = TestClock.Utc("2026-10-20 09:40")).Build(),
            new TicketBuilder().No("GD-DL-2").ReceivedAt("2026-10-21 14:00").Staff("王芳").Build());
        await using var browser = await BrowserSession.StartAsync(baseAddress);
        var page = browser.Page;
        await browser.SignInAsync(AppRoles.Admin);

        await page.GotoAsync("/admin/delivery");
        await browser.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("smtp-server")).ToContainTextAsync($"127.0.0.1:{smtp.Port}");
        await page.GetByTestId("delivery-new").ClickAsync();
        await page.Locator("[data-testid=subscription-name] input, input[data-testid=subscription-name]").FillAsync("经理 KPI 月报");
        await browser.ShotAsync("delivery-01-new");
        await page.GetByTestId("subscription-save").ClickAsync();
        await Expect(page.GetByTestId("subscriptions-table")).ToContainTextAsync("经理 KPI 月报");
        await Expect(page.GetByTestId("delivery-changes")).ToContainTextAsync("新建");

        await page.Locator("[data-testid=delivery-month] input, input[data-testid=delivery-month]").FillAsync("2026-10");
        await page.Locator("[data-testid=delivery-month] input, input[data-testid=delivery-month]").BlurAsync();
        await page.GetByTestId("delivery-send-now").ClickAsync();

        await Expect(page.GetByTestId("delivery-log-status").First).ToContainTextAsync("已发送", new() { Timeout = 60_000 });
        await browser.ShotAsync("delivery-02-sent");
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal("manager@serviceinsights.local", mail.To.Mailboxes.Single().Address);
        Assert.Equal("【ServiceInsights】2026-10 月度报告（未定版）", mail.Subject);
        Assert.Equal("月度KPI报告-2026-10-未定版.pdf", Assert.Single(mail.Attachments.OfType<MimePart>()).FileName);
        Assert.Contains("王建国，您好", mail.TextBody);
        Assert.True(browser.Problems.Count == 0, string.Join(Environment.NewLine, browser.Problems));
    }
}
