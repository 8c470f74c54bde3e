using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Records;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Records;

/// <summary>
/// The list queries translate to SQL Server too (no server needed: <c>ToQueryString()</c> only translates). Every filter
/// and a sort are set, so each branch is in the SQL; and the page is cut in SQL, never in memory.
/// </summary>
public sealed class RecordListSqlServerTests : IDisposable
{
    private static readonly RecordFilter EveryFilter = new(new ReportMonth(2026, 10), "张丽", "TDR", "农垦", "50%");
    private static readonly PageRequest SecondPage = new(25, 25, "TicketNo", Descending: true);

    private readonly ServiceInsightsDbContext _db = new SqlServerServiceInsightsDbContextFactory().CreateDbContext([]);

    public void Dispose() => _db.Dispose();

    [Fact]
    public void TicketListTranslates() =>
        AssertPagedInSql(TicketListQuery.Page(new TicketListQuery(null!, TestClock.Shanghai).Matching(_db, EveryFilter), SecondPage).ToQueryString(),
            "[t].[ReceivedAt] >= @", "[t].[Problem] LIKE");

    [Fact]
    public void RepairListTranslates()
    {
        var sql = RepairListQuery.Page(new RepairListQuery(null!, TestClock.Shanghai).Matching(_db, EveryFilter), SecondPage).ToQueryString();
        AssertPagedInSql(sql, "[r].[ReceivedAt] >= @", "[r].[FaultCause] LIKE", "EXISTS", "[Customer] LIKE");
        Assert.Contains("[t].[TicketNo] IN", TicketSummaries.For(_db, ["GD-1", "GD-2"]).ToQueryString().Replace("[t0]", "[t]"));
    }

    [Fact]
    public void SiteVisitListTranslates() =>
        AssertPagedInSql(SiteVisitListQuery.Page(new SiteVisitListQuery(null!, TestClock.Shanghai).Matching(_db, EveryFilter), SecondPage).ToQueryString(),
            "[s].[OrderedAt] >= @", "[s].[Engineer] LIKE", "EXISTS");

    [Fact]
    public void CallbackListTranslates() =>
        AssertPagedInSql(CallbackListQuery.Page(new CallbackListQuery(null!, TestClock.Shanghai).Matching(_db, EveryFilter), SecondPage).ToQueryString(),
            "[c].[At] >= @", "[c].[OtherNeeds] LIKE");

    [Fact]
    public void ComplaintListTranslates() =>
        AssertPagedInSql(ComplaintListQuery.Page(new ComplaintListQuery(null!, TestClock.Shanghai, null!).Matching(_db, EveryFilter), SecondPage).ToQueryString(),
            "[c].[ReceivedAt] >= @", "[c].[RootCause] LIKE");

    private static void AssertPagedInSql(string sql, params string[] fragments)
    {
        Assert.Contains("ORDER BY", sql);
        Assert.Contains("OFFSET @", sql);
        Assert.Contains("FETCH NEXT @", sql);
        Assert.Contains("ESCAPE N'\\'", sql);
        Assert.DoesNotContain("50%", sql); // the typed text is a parameter, not SQL
        Assert.All(fragments, f => Assert.Contains(f, sql));
    }
}
