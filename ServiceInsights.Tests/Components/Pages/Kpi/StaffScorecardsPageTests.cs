using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Records;
using ServiceInsights.Data.Reports;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Pages.Kpi;

namespace ServiceInsights.Tests.Components.Pages.Kpi;

/// <summary>The scorecards page over a real SQLite file: a rate opens the records behind it, a staff member's own only.</summary>
public sealed class StaffScorecardsPageTests : MudTestContext, IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton(_database.KpiCache());
        services.AddSingleton(new StaffSatisfactionQuery(_database.Factory, TestClock.Shanghai));
        services.AddSingleton(new DefaultMonthQuery(_database.Factory, TestClock.Shanghai));
        services.AddSingleton(new RecordDetailQuery(_database.Factory, TestClock.Shanghai));
        services.AddSingleton(new ServiceInsights.Data.MonthClose.MonthArchive(_database.Factory, TestClock.Shanghai));
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").ReceivedAt("2026-10-20 09:30").Staff("张丽").With(t => t.SmsConfirmedAt = TestClock.Utc("2026-10-20 09:40")).Build(),
            new TicketBuilder().No("GD-2").ReceivedAt("2026-10-21 14:00").Staff("张丽").Build(),
            new TicketBuilder().No("GD-3").ReceivedAt("2026-10-22 14:00").Staff("王芳").Build());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public void StaffOpenTheRecordsThatFailedTheirOwnScorecard()
    {
        SignInAs(AppRoles.Staff, "张丽");
        Navigation.NavigateTo("/kpi/staff?month=2026-10");
        RenderPopoverProvider();
        var page = Render<StaffScorecardsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=scorecard-row]")), TimeSpan.FromSeconds(15));
        page.Find("[data-testid=scorecard-rate][data-rule=CS-1a]").Click();

        page.WaitForAssertion(() => Assert.Equal(["GD-2"], page.FindAll("[data-testid=drill-key]").Select(k => k.TextContent.Trim())));
        Assert.DoesNotContain("GD-3", page.Markup); // 王芳's ticket, missed too, is not hers to see
    }

    [Fact]
    public void AManagerOpensOneStaffMembersRecordsFromTheirRow()
    {
        SignInAs(AppRoles.Manager);
        Navigation.NavigateTo("/kpi/staff?month=2026-10");
        RenderPopoverProvider();
        var page = Render<StaffScorecardsPage>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=scorecard-row]").Count), TimeSpan.FromSeconds(15));
        page.Find("[data-testid=scorecard-row][data-staff=王芳] [data-testid=scorecard-rate][data-rule=CS-1a]").Click();

        page.WaitForAssertion(() => Assert.Equal(["GD-3"], page.FindAll("[data-testid=drill-key]").Select(k => k.TextContent.Trim())));
    }
}
