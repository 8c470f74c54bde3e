using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.KpiComments;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.FollowUps;
using ServiceInsights.Web.Components.Pages.FollowUps;
using ServiceInsights.Web.Components.Pages.Kpi;
using ServiceInsights.Web.FollowUps;

namespace ServiceInsights.Tests.Components;

/// <summary>The follow-up items page, 我的待办 and the KPI card's comment over a real SQLite file.</summary>
public sealed class FollowUpComponentTests : MudTestContext, IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private FollowUpDerivationQueue? _derivation;

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton(_database.FollowUps());
        services.AddSingleton(_database.KpiComments());
        services.AddSingleton(_ => _derivation ??= _database.FollowUpDerivation());
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await _database.MigrateAsync();
        await FollowUpUsers.AddAsync(_database, FollowUpServiceTests.Wang, FollowUpServiceTests.Li, FollowUpServiceTests.Manager);
        await _database.AddAsync(
            new ComplaintBuilder().No("TS-1").Customer("山东农科").ReceivedAt("2026-11-18 10:00").Staff("王芳")
                .With(c => c.PromisedBy = TestClock.Utc("2026-11-20 17:00")).Build(),
            new CallbackBuilder().No("HF-1").Customer("寿光合作社").At("2026-11-10 10:00").Staff("李强").Satisfaction(1).Build());
        // As the app does after the import of these records (decision 032): the pages only read.
        await _database.FollowUps().SyncAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _derivation?.Dispose();
        _database.Dispose();
    }

    private IRenderedComponent<FollowUpsPage> RenderPage(FollowUpActor actor, string query = "")
    {
        SignInAs(actor.Roles[0], actor.Name, actor.UserId);
        Navigation.NavigateTo("/follow-ups" + query);
        RenderPopoverProvider();
        return Render<FollowUpsPage>();
    }

    [Fact]
    public void StaffSeeTheirOwnItemsOnlyAndReportThemDone()
    {
        var page = RenderPage(FollowUpServiceTests.Wang, "?owner=u-li");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=follow-up-record]")));
        Assert.Equal(["TS-1"], page.FindAll("[data-testid=follow-up-record]").Select(e => e.TextContent.Trim()));
        Assert.Contains("逾期 8 天", page.Find("[data-testid=follow-up-overdue]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=follow-up-owner-filter]"));
        Assert.Empty(page.FindAll("[data-testid=follow-up-verify]"));

        // No action written yet: marking it done is refused with the reason; after writing one it is done.
        page.Find("[data-testid=follow-up-done]").Click();
        page.WaitForAssertion(() => Assert.Contains("no action", page.Find("[data-testid=follow-up-error]").TextContent));
        page.Find("[data-testid=follow-up-edit]").Click();
        page.Find("textarea[data-testid=follow-up-action], [data-testid=follow-up-action] textarea").Change("电话致歉并安排上门");
        page.Find("[data-testid=follow-up-save]").Click();
        page.WaitForAssertion(() => Assert.Contains("电话致歉并安排上门", page.Find("[data-testid=follow-up-action-text]").TextContent));
        page.Find("[data-testid=follow-up-done]").Click();
        page.WaitForAssertion(() => Assert.Equal("done", page.Find("[data-testid=follow-up-status]").GetAttribute("data-status")));
    }

    [Fact]
    public async Task AManagerVerifyingTheirOwnItemSeesTheRefusalAndTheItemStaysDone()
    {
        var service = Services.GetRequiredService<FollowUpService>();
        await service.SyncAsync();
        var callback = (await service.ListAsync(FollowUpServiceTests.Manager, new FollowUpFilter())).Single(r => r.RecordKey == "HF-1");
        var owned = await service.EditAsync(FollowUpServiceTests.Manager, callback.Id, callback.Version, new FollowUpEdit("回电", FollowUpServiceTests.Manager.UserId, null));
        await service.MarkDoneAsync(FollowUpServiceTests.Manager, owned.Id, owned.Version);

        var page = RenderPage(FollowUpServiceTests.Manager, "?owner=me");
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=follow-up-verify]")));
        page.Find("[data-testid=follow-up-verify]").Click();

        page.WaitForAssertion(() => Assert.Contains("other than its owner", page.Find("[data-testid=follow-up-error]").TextContent));
        Assert.Equal("done", page.Find("[data-testid=follow-up-status]").GetAttribute("data-status"));
        page.Find("[data-testid=follow-up-history-toggle]").Click();
        page.WaitForAssertion(() => Assert.Equal(4, page.FindAll("[data-testid=follow-up-change]").Count));
    }

    [Fact]
    public void MyItemsOnTheHomePageListTheOwnersOpenItems()
    {
        SignInAs(AppRoles.Staff, "王芳", "u-wang");

        var mine = Render<MyFollowUps>(p => p.Add(c => c.Actor, FollowUpServiceTests.Wang));

        mine.WaitForAssertion(() => Assert.Contains("我的待办：1 项，逾期 1 项", mine.Markup));
        Assert.Equal(["TS-1"], mine.FindAll("[data-testid=follow-up-record]").Select(e => e.TextContent.Trim()));
        Assert.Empty(Render<MyFollowUps>(p => p.Add(c => c.Actor, FollowUpServiceTests.Manager)).FindAll("[data-testid=my-follow-ups]"));
    }

    [Fact]
    public async Task WhileTheItemsAreBeingDerivedThePageAndMyItemsSayItIsUpdating()
    {
        await _database.AddAsync(new ComplaintBuilder().No("TS-2").ReceivedAt("2026-11-19 10:00").Staff("王芳")
            .With(c => c.PromisedBy = TestClock.Utc("2026-11-21 17:00")).Build());
        var derivation = Services.GetRequiredService<FollowUpDerivationQueue>();
        Task refresh;
        using (WriteLock.Hold(_database))
        {
            refresh = derivation.RefreshAsync();
            var page = RenderPage(FollowUpServiceTests.Wang);
            page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=follow-up-record]")));
            Assert.Contains("正在更新", page.Find("[data-testid=follow-ups-updating]").TextContent);
            Assert.Equal(["TS-1"], page.FindAll("[data-testid=follow-up-record]").Select(e => e.TextContent.Trim()));
            var mine = Render<MyFollowUps>(p => p.Add(c => c.Actor, FollowUpServiceTests.Wang));
            mine.WaitForAssertion(() => Assert.Single(mine.FindAll("[data-testid=follow-ups-updating]")));
        }

        await refresh;
        Navigation.NavigateTo("/follow-ups?view=open");
        var after = Render<FollowUpsPage>();
        after.WaitForAssertion(() => Assert.Equal(2, after.FindAll("[data-testid=follow-up-record]").Count));
        Assert.Empty(after.FindAll("[data-testid=follow-ups-updating]"));
        var mineAfter = Render<MyFollowUps>(p => p.Add(c => c.Actor, FollowUpServiceTests.Wang));
        mineAfter.WaitForAssertion(() => Assert.Contains("我的待办：2 项，逾期 2 项", mineAfter.Markup));
        Assert.Empty(mineAfter.FindAll("[data-testid=follow-ups-updating]"));
    }

    [Fact]
    public void TheKpiCardShowsTheCommentAndWhetherItCameAfterTheClose()
    {
        var result = new MetricResult("CS-3a", MetricGroup.CS, 10, 7, 0, 0.7, new BilingualText("两小时内响应", "Respond within 2 hours"), []);
        var comment = new KpiCommentView(1, new ReportMonth(2026, 10), "CS-3a", "周末工单无人响应", "周末安排值班", "u-li", "李强", new DateOnly(2026, 11, 30),
            TestClock.Local("2026-11-05 10:00"), "王建国", 1);

        var card = Render<KpiCard>(p => p.Add(c => c.Result, result).Add(c => c.Status, RateStatus.Below).Add(c => c.TargetRate, 0.95)
            .Add(c => c.Comment, comment).Add(c => c.CommentAfterClose, true));

        Assert.Contains("周末工单无人响应", card.Find("[data-testid=kpi-comment-cause]").TextContent);
        Assert.Contains("周末安排值班", card.Find("[data-testid=kpi-comment-action]").TextContent);
        Assert.Contains("负责人 李强 · 期限 2026-11-30", card.Find("[data-testid=kpi-comment-owner]").TextContent);
        Assert.Contains("定版后填写", card.Find("[data-testid=kpi-comment]").TextContent);
        Assert.Empty(Render<KpiCard>(p => p.Add(c => c.Result, result).Add(c => c.Status, RateStatus.Below).Add(c => c.TargetRate, 0.95)).FindAll("[data-testid=kpi-comment]"));
    }
}
