using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Tools.SeedData;

namespace ServiceInsights.Tests.Reports.Kpi;

/// <summary>The committed seed-data/ imported once, the way SeedDataLoader does, with 2026-10's report and the year's.</summary>
public sealed class SeedDataKpiFixture : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    public KpiReport October { get; private set; } = null!;

    public IReadOnlyList<KpiReport> Year { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        await _database.ImportSeedDataAsync();

        var query = new MetricQuery(_database.Factory, TestClock.Shanghai);
        var calendar = new WorkingCalendar(HolidaySchedule.Shipped);
        October = await query.RunAsync(new ReportMonth(2026, 10), TestClock.Utc("2026-11-27 00:00"), SlaSettings.Defaults, calendar);
        var year = new List<KpiReport>();
        for (var month = new ReportMonth(2025, 12); month.CompareTo(new ReportMonth(2026, 11)) <= 0; month = month.Next)
        {
            // The seed data was exported as of 2026-11-28 09:00.
            year.Add(await query.RunAsync(month, TestClock.Utc("2026-11-28 09:00"), SlaSettings.Defaults, calendar));
        }

        Year = year;
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Every rule's counts for 2026-10 as of 2026-11-27 00:00 on the committed seed data, pinned: a change of a definition or of
/// the generator shows here, rule by rule. The numbers were checked against seed-data/README.md's scenarios.
/// </summary>
public sealed class SeedDataKpiTests(SeedDataKpiFixture seed) : IClassFixture<SeedDataKpiFixture>
{
    [Theory]
    [InlineData("CS-1a", 214, 196, 0)]
    [InlineData("CS-1b", 214, 213, 0)]
    [InlineData("CS-2", 214, 203, 0)]
    [InlineData("CS-3a", 214, 186, 0)]
    [InlineData("CS-3b", 214, 181, 0)]
    [InlineData("CS-3c", 162, 139, 0)]
    [InlineData("CS-3d", 201, 63, 0)] // phone callbacks go mostly to key products and visits, so most tickets miss; 13 quote tickets left out
    [InlineData("CS-4a", 27, 22, 0)]
    [InlineData("CS-4b", 27, 21, 0)]
    [InlineData("CS-4c", 118, 90, 0)] // repair working days, not repairs
    [InlineData("CS-5", 6, 6, 0)]
    [InlineData("CS-6", 15, 13, 0)]
    [InlineData("CS-7a", 171, 90, 43)] // late-October resolutions are still inside the 31-day window on 11-27
    [InlineData("CS-7b", 149, 71, 32)] // 7 tickets with only unreached phone calls: 4 missed, 3 pending (window still open)
    [InlineData("CS-7c", 135, 125, 0)]
    [InlineData("CS-8b", 0, 0, 0)] // no complaint relayed by sales in October
    [InlineData("OS-1", 1, 1, 0)]
    [InlineData("OS-2a", 7, 6, 0)]
    [InlineData("OS-2b", 6, 6, 0)]
    [InlineData("OS-2c", 7, 6, 0)]
    [InlineData("OS-2d", 7, 5, 0)] // WP2026101301's only follow-up call (HF20261020004) did not reach the customer
    [InlineData("CP-1", 1, 1, 0)]
    [InlineData("CP-2a", 2, 1, 0)]
    [InlineData("CP-2b", 2, 2, 0)]
    [InlineData("CP-2c", 1, 1, 0)]
    [InlineData("CP-2d", 1, 1, 0)]
    [InlineData("CP-2e", 0, 0, 0)]
    public void PinsTheOctoberCountsOfEveryRule(string id, int eligible, int met, int pending)
    {
        var result = seed.October[id];
        Assert.Equal((eligible, met, pending), (result.Eligible, result.Met, result.Pending));
    }

    [Fact]
    public void EvaluatesAllTwentySevenRulesWithACompleteCalendar()
    {
        Assert.Equal(27, seed.October.Results.Count);
        Assert.True(seed.October.CalendarComplete);
        Assert.Equal(TestClock.Local("2026-11-27 00:00"), seed.October.AsOf);
    }

    [Fact]
    public void FindsBothMetAndMissedRecordsOfEveryRuleInTheSeedYear()
    {
        var withoutBoth = seed.Year.SelectMany(r => r.Results).GroupBy(r => r.Id)
            .Where(g => g.Sum(r => r.Met) == 0 || g.Sum(r => r.Missed) == 0)
            .Select(g => g.Key)
            .ToList();
        Assert.Empty(withoutBoth);
    }

    [Fact]
    public void ClassesTheDay90RepeatAsClass2AndTheDay91RepeatAsClass1()
    {
        var june = seed.Year.Single(r => r.Month == new ReportMonth(2026, 6))["CP-1"];
        var july = seed.Year.Single(r => r.Month == new ReportMonth(2026, 7))["CP-1"];
        Assert.Contains(june.Verdicts, v => v.Reason.Chinese.Contains("天内再次投诉", StringComparison.Ordinal));
        Assert.DoesNotContain(july.Verdicts, v => v.Reason.English.Contains("2026-04-14", StringComparison.Ordinal));
    }

    [Fact]
    public void BreaksARuleDownByStaffWithTheSameTotals()
    {
        var result = seed.October["CS-3a"];
        var byStaff = MetricBreakdown.ByStaff(result);
        Assert.True(byStaff.Count > 1);
        Assert.Equal(result.Eligible, byStaff.Sum(r => r.Eligible));
        Assert.Equal(result.Met, byStaff.Sum(r => r.Met));
    }
}
