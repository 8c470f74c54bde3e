using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using ServiceInsights.Data.Delivery;
using ServiceInsights.Data.Domain;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Delivery;
using ServiceInsights.Web.Components.Pages.Admin.Delivery;
using ServiceInsights.Web.Delivery;

namespace ServiceInsights.Tests.Components.Pages.Admin.Delivery;

/// <summary>
/// The Admin page over the app's real delivery services and a SQLite file, on 2026-01-10 (no SMTP server configured):
/// creating a subscription (audited), the last-working-day note, a preview that sends nothing, a failed send.
/// </summary>
public sealed class DeliveryPageTests : MudTestContext, IAsyncLifetime
{
    // Field initialisers run before the base constructor, which calls AddServices.
    private readonly (TempFolder Folder, DeliveryApp App) _host = CreateHost();

    private DeliveryApp App => _host.App;

    private static (TempFolder, DeliveryApp) CreateHost()
    {
        var folder = new TempFolder();
        var app = DeliveryApp.CreateAsync(folder.SqliteConnectionString("page.db"), new Dictionary<string, string?>(),
            ShiftedTimeProvider.AtLocal(2026, 1, 10, 9, 0)).GetAwaiter().GetResult();
        return (folder, app);
    }

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton(_host.App.Store);
        services.AddSingleton(_host.App.Runner);
        services.AddSingleton(_host.App.Services.GetRequiredService<DeliverySubscriptionService>());
        services.AddSingleton(_host.App.Services.GetRequiredService<DeliveryRecipients>());
        services.AddSingleton(_host.App.Services.GetRequiredService<IOptionsMonitor<SmtpOptions>>());
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await App.AddUserAsync("li.manager@example.cn", AppRoles.Manager, "李经理");
        await App.AddUserAsync("zhang.staff@example.cn", AppRoles.Staff, "张敏");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await App.DisposeAsync();
        _host.Folder.Dispose();
    }

    private IRenderedComponent<DeliveryPage> RenderPage()
    {
        SignInAs(AppRoles.Admin);
        Render<MudSnackbarProvider>();
        RenderPopoverProvider();
        return Render<DeliveryPage>();
    }

    private static string Input(string testId) => $"[data-testid={testId}] input, input[data-testid={testId}]";

    [Fact]
    public async Task AnAdminCreatesASubscriptionAndTheChangeIsAudited()
    {
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Contains("还没有订阅", page.Markup));
        // The key stays literal; the sentence around it is the page's language.
        Assert.Equal("SMTP 未配置或有误：Smtp:Host 未设置，无法发送邮件。仍可预览，但无法发送。", page.Find("[data-testid=smtp-missing]").TextContent.Trim());

        page.Find("[data-testid=delivery-new]").Click();
        page.Find(Input("subscription-name")).Change("经理月报");
        page.Find(Input("subscription-report-callbacks")).Change(true);
        page.Find("[data-testid=subscription-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("经理月报", page.Find("[data-testid=subscriptions-table]").TextContent));
        var saved = Assert.Single(await App.Store.SubscriptionsAsync());
        Assert.Equal(["callbacks", "kpi"], saved.Reports);
        Assert.Equal([AppRoles.Manager], saved.RecipientRoles);
        var change = Assert.Single(await App.Store.ChangesAsync());
        Assert.Equal((DeliveryStore.Created, "经理月报"), (change.Action, change.Subscription));
        Assert.Contains("新建", page.Find("[data-testid=delivery-changes]").TextContent);
    }

    [Fact]
    public async Task ARefusedRecipientIsAClearErrorAndNothingIsStored()
    {
        var page = RenderPage();
        page.Find("[data-testid=delivery-new]").Click();
        page.Find(Input("subscription-name")).Change("员工");
        page.Find(Input("subscription-role-Manager")).Change(false);
        page.Find(Input("subscription-role-Staff")).Change(true);
        page.Find("[data-testid=subscription-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("收件人：角色 Staff 无权查看所选的任何报告。", page.Find("[data-testid=subscription-error]").TextContent));
        Assert.Empty(await App.Store.SubscriptionsAsync());
    }

    [Fact]
    public async Task AWorkingDayBeyondTheMonthSaysItFallsOnTheLastWorkingDay()
    {
        await App.SubscribeAsync(new DeliverySubscription(0, "月末", ["kpi"], ["pdf"], "zh-CN", [AppRoles.Manager], [], 22, new TimeOnly(9, 0), false, true));

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains(
            "2026-01 只有 21 个工作日，第 22 个工作日不存在：改在最后一个工作日 2026-01-30 发送。", page.Find("[data-testid=subscription-clamped]").TextContent));
        Assert.Contains("下一次：2026-01-30 09:00（2025-12 的报告）", page.Find("[data-testid=subscription-when]").TextContent);
    }

    [Fact]
    public async Task APreviewRendersTheMailWithoutSendingIt()
    {
        // The page's month defaults to the one before its clock's (2026-11-28): October.
        await App.SubscribeAsync(new DeliverySubscription(0, "月报", ["callbacks", "kpi"], ["pdf"], "zh-CN", [AppRoles.Manager, AppRoles.Staff], [], 3,
            new TimeOnly(9, 0), true, true));
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=delivery-preview]")));

        page.Find("[data-testid=delivery-preview]").Click();

        page.WaitForAssertion(() => Assert.Contains("【ServiceInsights】2026-10 月度报告（未定版）", page.Find("[data-testid=delivery-preview-panel]").TextContent), TimeSpan.FromSeconds(30));
        var panel = page.Find("[data-testid=delivery-preview-panel]").TextContent;
        Assert.Contains("li.manager@example.cn", panel);
        Assert.Contains("月度KPI报告-2026-10-未定版.pdf", panel);
        Assert.Contains("未附：月度KPI报告", panel);
        Assert.Empty(await App.Store.LogAsync());
    }

    [Fact]
    public async Task AFailedSendIsShownWithItsReason()
    {
        var id = await App.Store.TryClaimAsync("sub:9|2025-12|day|li.manager@example.cn", null, "月报", new ReportMonth(2025, 12), DeliveryOccasion.WorkingDay,
            "li.manager@example.cn", ["月度KPI报告-2026-10-未定版.pdf"], [], false);
        await App.Store.MarkFailedAsync(id!.Value, DeliveryFailure.Refused, "127.0.0.1:2525: 554 mailbox refused", null);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("有 1 封邮件在多次重试后仍发送失败", page.Find("[data-testid=delivery-failures]").TextContent));
        Assert.Equal("失败", page.Find("[data-testid=delivery-log-status]").TextContent.Trim());
        Assert.Equal("SMTP 服务器拒收了这封邮件", page.Find("[data-testid=delivery-log-failure]").TextContent.Trim());
        Assert.Equal("127.0.0.1:2525: 554 mailbox refused", page.Find("[data-testid=delivery-log-detail]").TextContent.Trim());
    }
}
