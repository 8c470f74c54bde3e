using System.Globalization;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using ServiceInsights.Data.Delivery;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Delivery;
using ServiceInsights.Web.Components.Pages.Admin.Delivery;
using ServiceInsights.Web.Delivery;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tests.Components.Pages.Admin.Delivery;

/// <summary>
/// The Admin page over the app's real delivery services and a SQLite file, on 2026-01-10 (no SMTP server configured):
/// creating a subscription (audited), the last-working-day note, a preview that sends nothing, a failed send, and every
/// refusal and failure said in the page's language, never as an exception's English text.
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

    /// <summary>The kinds a send fails with besides the SMTP server's, as the page words them in each language.</summary>
    public static TheoryData<string, string[]> FailureSentences => new()
    {
        {
            Localization.Chinese,
            [
                "收件人不是本系统用户的邮箱（或该用户已被删除）；只有用户才能收到报告", "收件人的角色无权查看此订阅的任何报告", "订阅已被删除，不再重试",
                "无法生成这封邮件（报告、附件或地址出错）", "发送或记录这封邮件时发生意外错误",
            ]
        },
        {
            Localization.English,
            [
                "The recipient's address is not a user's (or the user was deleted); only users receive reports",
                "The recipient's role may open none of this subscription's reports", "The subscription was deleted; the send is given up",
                "The mail could not be built (a report, a file or an address failed)", "Something unforeseen failed while sending or recording the mail",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(FailureSentences))]
    public async Task EveryKindOfFailureIsSaidInThePagesLanguageWithOnlyTheDetailVerbatim(string culture, string[] sentences)
    {
        DeliveryFailure[] kinds = [DeliveryFailure.NotAUser, DeliveryFailure.NotPermitted, DeliveryFailure.Deleted, DeliveryFailure.Compose, DeliveryFailure.Internal];
        for (var i = 0; i < kinds.Length; i++)
        {
            await FailAsync($"r{i}@example.cn", kinds[i], kinds[i] == DeliveryFailure.Compose ? "InvalidOperationException: the calendar has no 2031" : null);
        }

        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(kinds.Length, page.FindAll("[data-testid=delivery-log-failure]").Count));
        // Newest first.
        Assert.Equal(Enumerable.Reverse(sentences), page.FindAll("[data-testid=delivery-log-failure]").Select(e => e.TextContent.Trim()));
        // What the exception said is the detail beneath its sentence, and the only text not in the page's language.
        Assert.Equal("InvalidOperationException: the calendar has no 2031", Assert.Single(page.FindAll("[data-testid=delivery-log-detail]")).TextContent.Trim());
        var log = page.Find("[data-testid=delivery-log]").TextContent;
        // Nor the runner's English sentences, which the verb and the log file print.
        Assert.DoesNotContain("is not the e-mail address of a user", log);
        Assert.DoesNotContain("may open none of the reports of", log);
    }

    [Fact]
    public async Task ARowWrittenBeforeFailuresHadKindsSaysSoAndKeepsItsEnglishReasonAsTheDetail()
    {
        var id = await FailAsync("li.manager@example.cn", DeliveryFailure.NotAUser, null);
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<ServiceInsightsDbContext>>().CreateDbContextAsync())
        {
            await db.DeliverySends.Where(s => s.Id == id).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Failure, (string?)null).SetProperty(s => s.Error, "The subscription '月报' was deleted; the send is given up."));
        }

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("发送失败（此记录早于原因分类，以下为当时的英文原文）", page.Find("[data-testid=delivery-log-failure]").TextContent.Trim()));
        Assert.Equal("The subscription '月报' was deleted; the send is given up.", page.Find("[data-testid=delivery-log-detail]").TextContent.Trim());
    }

    [Fact]
    public async Task APreviewSaysInChineseWhyARecipientGetsNoMail()
    {
        // Saved past the editor's checks (as an older subscription, or one whose user has since changed role): Staff may not open the KPI report.
        await App.Store.SaveAsync(new DeliverySubscription(0, "KPI", ["kpi"], ["pdf"], "zh-CN", [], ["zhang.staff@example.cn"], 3, new TimeOnly(9, 0), false, true),
            "admin@serviceinsights.local");
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=delivery-preview]")));

        page.Find("[data-testid=delivery-preview]").Click();

        page.WaitForAssertion(() => Assert.Equal("收件人的角色无权查看此订阅的任何报告", page.Find("[data-testid=delivery-preview-failure]").TextContent.Trim()));
        Assert.DoesNotContain("may open none", page.Find("[data-testid=delivery-preview-panel]").TextContent);
    }

    [Fact]
    public async Task SendingASubscriptionDeletedMeanwhileSaysSoInChinese()
    {
        var subscription = await App.SubscribeAsync(new DeliverySubscription(0, "月报", ["kpi"], ["pdf"], "zh-CN", [AppRoles.Manager], [], 3, new TimeOnly(9, 0), false, true));
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=delivery-send-now]")));
        await App.Store.DeleteAsync(subscription.Id, "another-admin@example.cn");

        page.Find("[data-testid=delivery-send-now]").Click();

        page.WaitForAssertion(() => Assert.Contains("没有名为“月报”的订阅（可能已被他人删除）。", Snackbars()));
        Assert.DoesNotContain("There is no subscription", Snackbars());
    }

    [Fact]
    public async Task ASaveTheDatabaseFailsIsASentenceInChineseNotTheDatabasesError()
    {
        var page = RenderPage();
        page.Find("[data-testid=delivery-new]").Click();
        page.Find(Input("subscription-name")).Change("经理月报");
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<ServiceInsightsDbContext>>().CreateDbContextAsync())
        {
            // The audit table gone: the save's insert fails inside its transaction.
            await db.Database.ExecuteSqlRawAsync("DROP TABLE DeliverySubscriptionChanges");
        }

        page.Find("[data-testid=subscription-save]").Click();

        page.WaitForAssertion(() => Assert.Equal("订阅“经理月报”未能保存（系统出错，详情已写入日志）；未保存任何内容。",
            page.Find("[data-testid=subscription-error]").TextContent.Trim()));
        Assert.DoesNotContain("SQLite", page.Markup);
        Assert.DoesNotContain("no such table", page.Markup);
        Assert.Empty(await App.Store.SubscriptionsAsync());
    }

    private string Snackbars() => string.Concat(Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? ""));

    /// <summary>A failed send in the log, to <paramref name="recipient"/>, of the kind and detail given.</summary>
    private async Task<long> FailAsync(string recipient, DeliveryFailure kind, string? detail)
    {
        var id = await App.Store.TryClaimAsync($"sub:9|2025-12|day|{recipient}", null, "月报", new ReportMonth(2025, 12), DeliveryOccasion.WorkingDay,
            recipient, [], [], false);
        await App.Store.MarkFailedAsync(id!.Value, kind, detail, null);
        return id.Value;
    }
}
