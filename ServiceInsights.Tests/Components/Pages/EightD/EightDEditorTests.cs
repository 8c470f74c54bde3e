using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Reports;
using ServiceInsights.Data.Settings;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Pages.EightD;

namespace ServiceInsights.Tests.Components.Pages.EightD;

/// <summary>The 8D editor over a real SQLite file: prefilled sections with their open items, autosave, rule messages, roles.</summary>
public sealed class EightDEditorTests : MudTestContext, IAsyncLifetime
{
    /// <summary>The name bUnit signs in with (<see cref="MudTestContext.SignInAs"/>).</summary>
    private const string SignedIn = "manager@serviceinsights.local";

    private readonly TestDatabase _database = new();
    private EightDService _service = null!;

    protected override void AddServices(IServiceCollection services)
    {
        var clusters = new FaultClusterQuery(_database.Factory, TestClock.Shanghai);
        _service = new EightDService(_database.Factory, TestClock.Shanghai, new SettingsStore(_database.Factory, TestClock.Shanghai), clusters);
        services.AddSingleton(_service);
        services.AddSingleton(clusters);
        services.AddSingleton(new DefaultMonthQuery(_database.Factory, TestClock.Shanghai));
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(ServiceInsights.Tests.EightD.EightDTestBase.User(SignedIn, "王建国"));
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").ReceivedAt("2026-11-01 09:00").Customer("黑龙江农垦").Product("土壤水分仪", "TDR-300").Build(),
            new RepairBuilder().No("WX-1").Ticket("GD-1").ReceivedAt("2026-11-03 09:00").FaultCause("探头损坏").Build(),
            new ComplaintBuilder().No("TS-1").Ticket("GD-1").ReceivedAt("2026-11-05 10:00").Customer("黑龙江农垦")
                .Description("探头读数漂移，第二次返修").Build());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _database.Dispose();
    }

    private async Task<EightDDocument> DraftAsync() => await _service.CreateFromComplaintAsync("TS-1", SignedIn);

    private IRenderedComponent<EightDEditorPage> RenderEditor(string number, string tab)
    {
        SignInAs(AppRoles.QualityEngineer);
        Navigation.NavigateTo($"/eightd/{number}?tab={tab}");
        RenderPopoverProvider();
        var page = Render<EightDEditorPage>(p => p.Add(c => c.Number, number).Add(c => c.SaveDelay, TimeSpan.FromMilliseconds(50)));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=eightd-status]")));
        return page;
    }

    /// <summary>
    /// The tabs may report a change while they are torn down (a removed panel moves the index): once the app has navigated
    /// elsewhere, or after the page is disposed with its circuit, a navigation would fail with JSDisconnectedException
    /// ("Navigation failed" in the server log). Only a change on the page while it is shown writes the tab into the URL.
    /// </summary>
    [Fact]
    public async Task OnlyATabChangeWhileThePageIsShownWritesTheTabIntoTheUrl()
    {
        var draft = await DraftAsync();
        var page = RenderEditor(draft.Number, "D2");
        var tabChanged = page.FindComponent<MudBlazor.MudTabs>().Instance.ActivePanelIndexChanged;
        int IndexOf(EightDSection section) => EightDText.Tabs.ToList().IndexOf(section);

        await page.InvokeAsync(() => tabChanged.InvokeAsync(IndexOf(EightDSection.D4)));
        Assert.EndsWith($"/eightd/{draft.Number}?tab=D4", Navigation.Uri);

        Navigation.NavigateTo("/complaints");
        await page.InvokeAsync(() => tabChanged.InvokeAsync(IndexOf(EightDSection.D3)));
        Assert.Equal("http://localhost/complaints", Navigation.Uri);

        Navigation.NavigateTo($"/eightd/{draft.Number}?tab=D4");
        await DisposeComponentsAsync();
        await page.InvokeAsync(() => tabChanged.InvokeAsync(IndexOf(EightDSection.D2)));
        Assert.EndsWith("tab=D4", Navigation.Uri);
    }

    [Fact]
    public async Task ASectionShowsWhatTheRecordsHoldAndWhatTheyDoNotAsOpenItems()
    {
        var draft = await DraftAsync();

        var d2 = Render<D2Section>(p => p.Add(c => c.Content, draft.Content).Add(c => c.Problems, draft.Problems));
        var d3 = Render<D3Section>(p => p.Add(c => c.Content, draft.Content).Add(c => c.Problems, draft.Problems));
        var d4 = Render<D4Section>(p => p.Add(c => c.Content, draft.Content).Add(c => c.Problems, draft.Problems));

        Assert.Contains("投诉 1 · 维修 1 · 工单 1", d2.Find("[data-testid=d2-how-many]").TextContent);
        Assert.Contains("WX-1", d2.Find("[data-testid=d2-timeline]").TextContent);
        Assert.Contains("记录中无围堵措施", d3.Find("[data-testid=section-open-items]").TextContent);
        Assert.Empty(d3.FindAll("[data-testid=d3-actions] tbody tr"));
        // The repair's fault cause is a candidate, not yet a cause.
        Assert.Contains("探头损坏", d4.Find("[data-testid=sourced-item]").TextContent);
        Assert.Empty(d4.FindAll("[data-testid=d4-cause]"));
    }

    [Fact]
    public async Task EditingTheProblemStatementSavesTheSectionAndShowsSaved()
    {
        var draft = await DraftAsync();
        var page = RenderEditor(draft.Number, "D2");
        Assert.Equal("Idle", page.Find("[data-testid=save-state]").GetAttribute("data-state"));

        page.Find("[data-testid=d2-statement] textarea, textarea[data-testid=d2-statement]").Input("TDR-300 探头读数漂移，同一台两次返修");

        page.WaitForAssertion(() => Assert.Equal("Saved", page.Find("[data-testid=save-state]").GetAttribute("data-state")), TimeSpan.FromSeconds(15));
        Assert.Contains("已保存", page.Find("[data-testid=save-state]").TextContent);
        var stored = await _service.LoadAsync(draft.Number);
        Assert.Equal("TDR-300 探头读数漂移，同一台两次返修", stored!.Content.D2.ProblemStatement);
        Assert.Equal(draft.Version + 1, stored.Version);
        var change = Assert.Single(await _service.HistoryAsync(draft.Number));
        Assert.Equal(("D2", "ProblemStatement", "王建国"), (change.Section, change.Field, change.UserName));
    }

    [Fact]
    public async Task ContributionsThatDoNotTotalHundredShowTheRuleInD4AfterTheSave()
    {
        var draft = await DraftAsync();
        var page = RenderEditor(draft.Number, "D4");
        Assert.Empty(page.FindAll("[data-testid=section-problem]"));

        page.Find("button[data-testid=d4-add-Occurrence]").Click();
        page.WaitForAssertion(() => Assert.Equal("Saved", page.Find("[data-testid=save-state]").GetAttribute("data-state")), TimeSpan.FromSeconds(5));

        page.WaitForAssertion(() => Assert.Contains("D4：发生原因的贡献率合计为 0%，应为 100%", page.Find("[data-testid=section-problem]").TextContent));
        Assert.Contains("合计 0%", page.Find("[data-testid=d4-total-Occurrence]").TextContent);
        Assert.Single((await _service.LoadAsync(draft.Number))!.Content.D4.Causes);
    }

    [Fact]
    public async Task AnEditAfterSomeoneElseSavedSaysSoAndSavesNothingMore()
    {
        var draft = await DraftAsync();
        var page = RenderEditor(draft.Number, "D0");
        var other = draft.Content.Clone();
        other.D0.Symptom = "另一位工程师的修改";
        await _service.SaveSectionAsync(draft.Number, draft.Version, EightDSection.D0, other, new EightDActor("qe.zhou", [AppRoles.QualityEngineer]));

        page.Find("[data-testid=d0-symptom] textarea, textarea[data-testid=d0-symptom]").Input("我的修改");

        page.WaitForAssertion(() => Assert.Contains("已被他人修改", page.Find("[data-testid=eightd-conflict]").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal("Conflict", page.Find("[data-testid=save-state]").GetAttribute("data-state"));
        Assert.Equal("另一位工程师的修改", (await _service.LoadAsync(draft.Number))!.Content.D0.Symptom);
    }

    [Fact]
    public async Task TheOwnerMaySubmitButNotApproveTheirOwnEightD()
    {
        var draft = await DraftAsync();
        var page = RenderEditor(draft.Number, "Header");
        Assert.Equal(["step-InReview"], page.FindAll("[data-testid^=step-]").Select(b => b.GetAttribute("data-testid")));

        page.Find("button[data-testid=step-InReview]").Click();

        page.WaitForAssertion(() => Assert.Equal("InReview", page.Find("[data-testid=eightd-status]").GetAttribute("data-status")));
        Assert.Equal(["step-Draft"], page.FindAll("[data-testid^=step-]").Select(b => b.GetAttribute("data-testid")));
        Assert.Contains("负责人不能批准自己的 8D", page.Find("[data-testid=approval-note]").TextContent);
        Assert.Equal(EightDStatus.InReview, (await _service.LoadAsync(draft.Number))!.Status);
    }

    [Fact]
    public async Task ASubmissionTheRulesRefuseListsWhyAndLeavesTheStatus()
    {
        var draft = await DraftAsync();
        var edited = draft.Content.Clone();
        edited.D4.Causes = [new RootCause { Id = 1, Description = "焊点虚焊", ContributionPercent = 60 }];
        edited.D5.Actions = [new PermanentAction { Id = 1, Action = "更换焊接工艺" }];
        var version = (await _service.SaveSectionAsync(draft.Number, draft.Version, EightDSection.D4, edited, new EightDActor(SignedIn, [AppRoles.QualityEngineer]))).Version;
        await _service.SaveSectionAsync(draft.Number, version, EightDSection.D5, edited, new EightDActor(SignedIn, [AppRoles.QualityEngineer]));
        var page = RenderEditor(draft.Number, "D5");

        page.Find("button[data-testid=step-InReview]").Click();

        page.WaitForAssertion(() => Assert.Contains("状态未改变", page.Find("[data-testid=eightd-refusals]").TextContent));
        var refusals = page.Find("[data-testid=eightd-refusals]").TextContent;
        Assert.Contains("贡献率合计为 60%", refusals);
        Assert.Contains("D5 第 1 行：措施未关联 D4 原因", refusals);
        // Next to the row it is about, in the D5 tab.
        var rowProblem = Assert.Single(page.FindAll("[data-testid=d5-actions] [data-testid=row-problem]"));
        Assert.Contains("D5 第 1 行：措施未关联 D4 原因", rowProblem.TextContent);
        Assert.Equal("Draft", page.Find("[data-testid=eightd-status]").GetAttribute("data-status"));
        Assert.Equal(EightDStatus.Draft, (await _service.LoadAsync(draft.Number))!.Status);
    }

    [Fact]
    public void AClusterStartsAnEightDThatTheListShowsUnderItsStatus()
    {
        SignInAs(AppRoles.QualityEngineer);
        Navigation.NavigateTo("/eightd/clusters?from=2026-11-01&to=2026-11-30&min=1");
        RenderPopoverProvider();
        var clusters = Render<FaultClustersPage>();
        clusters.WaitForAssertion(() => Assert.Contains("探头损坏", clusters.Find("[data-testid=clusters]").TextContent));
        Assert.Contains("TDR-300", clusters.Find("[data-testid=clusters]").TextContent);

        clusters.FindAll("button[data-testid=cluster-start]").Single(b => b.Closest("tr")!.TextContent.Contains("探头损坏")).Click();

        // (bUnit keeps the clusters page rendered after the navigation, and it writes its filters into the new URL: the path tells.)
        clusters.WaitForAssertion(() => Assert.Equal("/eightd/8D-2026-0001", new Uri(Navigation.Uri).AbsolutePath));
        Navigation.NavigateTo("/eightd?status=Draft");
        var list = Render<EightDListPage>();
        list.WaitForAssertion(() => Assert.Contains("8D-2026-0001", list.Find("[data-testid=eightd-list]").TextContent));
        Navigation.NavigateTo("/eightd?status=Approved");
        list.WaitForAssertion(() => Assert.NotEmpty(list.FindAll("[data-testid=eightd-none]")));
    }

    [Fact]
    public async Task DraftingForAComplaintOfTheSameProblemOffersTheExistingEightDAndLinksTheComplaintToIt()
    {
        var first = await DraftAsync();
        // The same unit's probe drifts again: same model, same symptom, inside the first 8D's window.
        await _database.AddAsync(
            new TicketBuilder().No("GD-2").ReceivedAt("2026-11-10 09:00").Customer("黑龙江农垦").Product("土壤水分仪", "TDR-300")
                .Problem("探头读数漂移，第二次返修").Build(),
            new ComplaintBuilder().No("TS-2").Ticket("GD-2").ReceivedAt("2026-11-12 10:00").Customer("黑龙江农垦")
                .Description("探头读数漂移，第二次返修").Build());
        SignInAs(AppRoles.QualityEngineer);
        Navigation.NavigateTo("/complaints?month=2026-11");
        var offer = Render<ComplaintEightD>(p => p.Add(c => c.ComplaintNo, "TS-2"));
        offer.WaitForAssertion(() => Assert.NotEmpty(offer.FindAll("[data-testid=complaint-draft-8d]")));

        offer.Find("[data-testid=complaint-draft-8d]").Click();

        offer.WaitForAssertion(() => Assert.Contains(first.Number, offer.Find("[data-testid=complaint-eightd-overlap]").TextContent));
        // Opening it keeps the month the user was in.
        Assert.Equal($"/eightd/{first.Number}?month=2026-11", offer.Find("[data-testid=overlap-open]").GetAttribute("href"));
        offer.Find("[data-testid=overlap-link]").Click();
        offer.WaitForAssertion(() => Assert.Equal(first.Number, offer.Find("[data-testid=complaint-eightd-link]").TextContent));
        Assert.Single(await _service.ListAsync());
        Assert.Contains(new EightDLinkRow(EightDLinkKind.Complaint, "TS-2"), (await _service.LoadAsync(first.Number))!.Links);
    }

    [Theory]
    [InlineData("?month=2026-11&min=1", true)]
    [InlineData("?month=2026-10&min=1", false)] // the cluster's records are from November
    [InlineData("?month=2026-12&min=1", false)]
    [InlineData("?month=2026-12&span=90&min=1", true)] // 90 days up to 31 December reach back to early October
    [InlineData("?min=1", true)] // no month: the default one, November (it holds tickets; today is 2026-11-28)
    public void TheClustersWindowFollowsTheMonthOrTheNinetyDaysToItsEnd(string query, bool found)
    {
        SignInAs(AppRoles.QualityEngineer);
        Navigation.NavigateTo("/eightd/clusters" + query);
        RenderPopoverProvider();
        var clusters = Render<FaultClustersPage>();

        clusters.WaitForAssertion(() => Assert.NotEmpty(clusters.FindAll("[data-testid=clusters]")));
        Assert.Equal(found, clusters.Find("[data-testid=clusters]").TextContent.Contains("探头损坏"));
    }

    [Fact]
    public void APeriodThatEndsBeforeItStartsIsASentenceInChinese()
    {
        SignInAs(AppRoles.QualityEngineer);
        Navigation.NavigateTo("/eightd/clusters?from=2026-11-30&to=2026-11-01&min=1");
        RenderPopoverProvider();
        var clusters = Render<FaultClustersPage>();

        clusters.WaitForAssertion(() => Assert.Equal("所选期间的结束日期（2026-11-01）早于开始日期（2026-11-30）。", clusters.Find("[data-testid=clusters-error]").TextContent.Trim()));
        Assert.DoesNotContain("the period ends", clusters.Markup);
    }

    [Fact]
    public async Task ClustersTheDatabaseFailsToReadAreASentenceInChineseNotTheDatabasesError()
    {
        await using (var db = _database.Open())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE Repairs");
        }

        SignInAs(AppRoles.QualityEngineer);
        Navigation.NavigateTo("/eightd/clusters?from=2026-11-01&to=2026-11-30&min=1");
        RenderPopoverProvider();
        var clusters = Render<FaultClustersPage>();

        clusters.WaitForAssertion(() => Assert.Equal("故障聚类未能读取，详情已写入日志。", clusters.Find("[data-testid=clusters-error]").TextContent.Trim()));
        Assert.DoesNotContain("SQLite", clusters.Markup);
        Assert.DoesNotContain("no such table", clusters.Markup);
    }
}
