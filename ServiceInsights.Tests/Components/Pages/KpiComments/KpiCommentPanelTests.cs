using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.KpiComments;
using ServiceInsights.Data.Users;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.FollowUps;
using ServiceInsights.Web.Components.Pages.KpiComments;

namespace ServiceInsights.Tests.Components.Pages.KpiComments;

/// <summary>The drill-down's comment panel, over a real SQLite file.</summary>
public sealed class KpiCommentPanelTests : MudTestContext, IAsyncLifetime
{
    private static readonly ReportMonth October = new(2026, 10);
    private readonly TestDatabase _database = new();

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton(_database.FollowUps());
        services.AddSingleton(new AppUserQuery(_database.Factory));
        services.AddSingleton(_database.KpiComments());
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await _database.MigrateAsync();
        await FollowUpUsers.AddAsync(_database, TestActors.Li, TestActors.Manager);
        await _database.AddAsync(new ComplaintBuilder().No("TS-9").ReceivedAt("2026-11-18 10:00").Customer("山东农科").Build());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task AManagerWritesTheCommentWithAnOwnerAndADueDateAndAMissingFieldIsRefused()
    {
        SignInAs(AppRoles.Manager, "王建国", "u-mgr");
        RenderPopoverProvider();
        KpiCommentView? saved = null;
        var panel = Render<KpiCommentPanel>(p => p.Add(c => c.Month, October).Add(c => c.RuleId, "CS-3a").Add(c => c.OnSaved, v => saved = v));
        Assert.Contains("本月该规则尚无说明", panel.Find("[data-testid=kpi-comment-none]").TextContent);

        panel.Find("[data-testid=kpi-comment-edit]").Click();
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=kpi-comment-editor]")));
        panel.Find("textarea[data-testid=kpi-comment-cause-input], [data-testid=kpi-comment-cause-input] textarea").Change("周末工单无人响应");
        panel.Find("textarea[data-testid=kpi-comment-action-input], [data-testid=kpi-comment-action-input] textarea").Change("周末安排值班");
        panel.Find("[data-testid=kpi-comment-save]").Click();
        // No owner and no due date yet: refused, nothing stored.
        panel.WaitForAssertion(() => Assert.Equal("请填写期限。", panel.Find("[data-testid=kpi-comment-error]").TextContent.Trim()));
        Assert.Empty(await _database.KpiComments().ForMonthAsync(October));

        panel.Find("input[data-testid=kpi-comment-due-input], [data-testid=kpi-comment-due-input] input").Change("2026-11-30");
        // Choosing the owner is the select's ValueChanged (its popover is MudBlazor's own).
        var owner = panel.FindComponent<MudBlazor.MudSelect<string>>();
        await panel.InvokeAsync(() => owner.Instance.ValueChanged.InvokeAsync("u-li"));
        panel.Find("[data-testid=kpi-comment-save]").Click();

        panel.WaitForAssertion(() => Assert.NotNull(saved));
        Assert.Equal(("周末工单无人响应", "周末安排值班", "李强", new DateOnly(2026, 11, 30)), (saved!.Cause, saved.Action, saved.OwnerName, saved.Due));
    }
}
