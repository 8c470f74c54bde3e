using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Reports.Kpi;

public class StaffSatisfactionQueryTests : IDisposable
{
    private readonly TestDatabase _database = new();

    [Fact]
    public async Task AveragesTheMonthsAnsweredSatisfactionPerStaffMemberInLocalTime()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            new CallbackBuilder().Staff("张丽").At("2026-10-01 00:10").Satisfaction(5).Build(), // October in Shanghai (Sept 30 in UTC)
            new CallbackBuilder().Staff("张丽").At("2026-10-20 10:00").Satisfaction(4).Build(),
            new CallbackBuilder().Staff("张丽").At("2026-10-21 10:00").Build(), // no answer: not counted
            new CallbackBuilder().Staff("王芳").At("2026-10-31 23:50").Satisfaction(2).Build(),
            new CallbackBuilder().Staff("王芳").At("2026-11-01 00:10").Satisfaction(5).Build()); // November

        var result = await new StaffSatisfactionQuery(_database.Factory, TestClock.Shanghai).ForMonthAsync(new ReportMonth(2026, 10), TestClock.Local("2026-11-27 00:00"));

        Assert.Equal(new StaffSatisfaction(4.5, 2), result["张丽"]);
        Assert.Equal(new StaffSatisfaction(2, 1), result["王芳"]);
    }

    [Fact]
    public void TranslatesForSqlServer()
    {
        using var db = new Data.Persistence.SqlServerServiceInsightsDbContextFactory().CreateDbContext([]);
        var sql = db.Callbacks.Where(c => c.Satisfaction != null).GroupBy(c => c.Staff ?? "")
            .Select(g => new { g.Key, Average = g.Average(c => (double)c.Satisfaction!.Value), Answers = g.Count() }).ToQueryString();
        Assert.Contains("AVG(", sql);
        Assert.Contains("GROUP BY", sql);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }
}
