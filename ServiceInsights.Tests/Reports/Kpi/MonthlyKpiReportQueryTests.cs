using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Reports.Kpi;

/// <summary>The monthly KPI report for October 2026 on a few tickets over the year, hand-counted on CS-1a (SMS confirmation).</summary>
public sealed class MonthlyKpiReportQueryTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private MonthlyKpiReportQuery Query() =>
        new(_database.Kpi(), new StaffSatisfactionQuery(_database.Factory, TestClock.Shanghai), new SettingsStore(_database.Factory, TestClock.Shanghai), _database.KpiComments());

    private static readonly DateTime AsOf = TestClock.Local("2026-11-27 00:00");

    private static Ticket Ticket(string no, string received, bool sms, string? staff = null, bool vip = false) =>
        new TicketBuilder().No(no).ReceivedAt(received).With(t =>
        {
            t.SmsConfirmedAt = sms ? TestClock.Utc(received).AddMinutes(5) : null;
            t.Staff = staff;
            t.Vip = vip;
        }).Build();

    private async Task SeedAsync()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            Ticket("GD-OLD", "2025-11-03 10:00", sms: true), // the first month of the twelve
            Ticket("GD-OCT2025", "2025-10-20 10:00", sms: false), // thirteen months back: outside the trend
            Ticket("GD-S1", "2026-09-07 10:00", sms: true, "张敏"),
            Ticket("GD-S2", "2026-09-08 10:00", sms: false, "张敏"),
            Ticket("GD-1", "2026-10-12 10:00", sms: true, "张敏", vip: true),
            Ticket("GD-2", "2026-10-13 10:00", sms: false, "李强"),
            Ticket("GD-3", "2026-10-14 10:00", sms: true, "张敏"),
            new CallbackBuilder().Ticket("GD-1").Staff("张敏").At("2026-10-20 15:00").Satisfaction(4).Build(),
            new CallbackBuilder().Ticket("GD-3").Staff("张敏").At("2026-10-21 15:00").Satisfaction(5).Build());
    }

    [Fact]
    public async Task ListsEveryRuleWithItsCountsTargetAndChangeAgainstThePreviousMonth()
    {
        await SeedAsync();

        var report = await Query().RunAsync(new ReportMonth(2026, 10), AsOf);

        Assert.Equal((new ReportMonth(2026, 10), AsOf, true), (report.Month, report.AsOf, report.CalendarComplete));
        Assert.Empty(report.UnknownYears);
        Assert.Equal(MetricCatalog.All.Select(d => d.Id), report.Rules.Select(r => r.Id));
        var sms = report["CS-1a"];
        Assert.Equal((MetricGroup.CS, 3, 2, 1, 0), (sms.Group, sms.Eligible, sms.Met, sms.Missed, sms.Pending));
        Assert.Equal(2 / 3.0, sms.Rate);
        Assert.Equal(0.5, sms.PreviousRate);
        Assert.Equal(16.7, sms.ChangePoints);
        Assert.Equal(MetricCatalog.Find("CS-1a").Target(SlaSettings.Defaults), sms.Target);
        // No ticket is resolved: CS-3d has nothing eligible, so no rate and no change.
        Assert.Equal((0, (double?)null, (double?)null), (report["CS-3d"].Eligible, report["CS-3d"].Rate, report["CS-3d"].ChangePoints));
    }

    [Fact]
    public async Task CarriesTheRateOfEachOfTheTwelveMonthsOldestFirst()
    {
        await SeedAsync();

        var report = await Query().RunAsync(new ReportMonth(2026, 10), AsOf);

        Assert.Equal(12, report.Months.Count);
        Assert.Equal((new ReportMonth(2025, 11), new ReportMonth(2026, 10)), (report.Months[0], report.Months[^1]));
        var trend = report["CS-1a"].Trend;
        Assert.Equal(12, trend.Count);
        Assert.Equal(1.0, trend[0]); // 2025-11
        Assert.Equal([null, null, null, null, null, null, null, null, null], trend.Skip(1).Take(9)); // 2025-12 … 2026-08: no tickets
        Assert.Equal(0.5, trend[10]);
        Assert.Equal(2 / 3.0, trend[11]);
        Assert.All(report.Rules, r => Assert.Equal(12, r.Trend.Count));
    }

    [Fact]
    public async Task HasTheStaffTableOfTheMonthWithSatisfaction()
    {
        await SeedAsync();

        var report = await Query().RunAsync(new ReportMonth(2026, 10), AsOf);

        Assert.Equal(["张敏", "李强"], report.Staff.Select(s => s.Staff));
        var zhang = report.Staff[0];
        Assert.Equal((2, 1.0, new StaffSatisfaction(4.5, 2)), (zhang.Tickets, zhang.Rules["CS-1a"].Rate, zhang.Satisfaction));
        Assert.Equal((1, 0.0), (report.Staff[1].Tickets, report.Staff[1].Rules["CS-1a"].Rate));
    }

    [Fact]
    public async Task SplitsEachRuleIntoVipAndOtherRecords()
    {
        await SeedAsync();

        var report = await Query().RunAsync(new ReportMonth(2026, 10), AsOf);

        Assert.Equal(MetricCatalog.All.Select(d => d.Id), report.Vip.Select(v => v.Id));
        var sms = report.Vip.Single(v => v.Id == "CS-1a");
        Assert.Equal(new MetricBreakdownRow("VIP", 1, 1, 0, 1.0), sms.Vip);
        Assert.Equal(new MetricBreakdownRow("", 2, 1, 0, 0.5), sms.Other);
        var quotes = report.Vip.Single(v => v.Id == "CS-6"); // no quote this month
        Assert.Null(quotes.Vip);
        Assert.Null(quotes.Other);
    }

    [Fact]
    public async Task BuildsTheSameReportFromTheTwelveRunsTheDashboardAlreadyHas()
    {
        await SeedAsync();
        var year = new List<KpiReport>();
        for (var m = new ReportMonth(2025, 11); m.CompareTo(new ReportMonth(2026, 10)) <= 0; m = m.Next)
        {
            year.Add(await _database.Kpi().RunAsync(m, AsOf));
        }

        var fromYear = await Query().FromYearAsync(year);
        var run = await Query().RunAsync(new ReportMonth(2026, 10), AsOf);

        Assert.Equal(run.Rules.Select(r => (r.Id, r.Eligible, r.Met, r.Pending, r.Rate, r.PreviousRate, r.ChangePoints)),
            fromYear.Rules.Select(r => (r.Id, r.Eligible, r.Met, r.Pending, r.Rate, r.PreviousRate, r.ChangePoints)));
        Assert.Equal(run.Rules.SelectMany(r => r.Trend), fromYear.Rules.SelectMany(r => r.Trend));
        Assert.Equal(run.Months, fromYear.Months);
    }

    [Fact]
    public async Task AnEmptyMonthHasEveryRuleWithoutRatesAndNoStaff()
    {
        await _database.MigrateAsync();

        var report = await Query().RunAsync(new ReportMonth(2026, 10), AsOf);

        Assert.Equal(27, report.Rules.Count);
        Assert.All(report.Rules, r => Assert.Equal((0, 0, (double?)null, (double?)null), (r.Eligible, r.Pending, r.Rate, r.ChangePoints)));
        Assert.Empty(report.Staff);
        Assert.All(report.Vip, v => Assert.Null(v.Vip ?? v.Other));
    }
}
