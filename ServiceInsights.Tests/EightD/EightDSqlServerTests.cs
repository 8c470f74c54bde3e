using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Tests.EightD;

/// <summary>The 8D queries translate to SQL Server too (<c>ToQueryString()</c> needs no server).</summary>
public sealed class EightDSqlServerTests : IDisposable
{
    private static readonly DateTime From = new(2026, 9, 30, 16, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2026, 10, 31, 16, 0, 0, DateTimeKind.Utc);

    private readonly ServiceInsightsDbContext _db = new SqlServerServiceInsightsDbContextFactory().CreateDbContext([]);

    public void Dispose() => _db.Dispose();

    [Fact]
    public void FaultClusterRowsJoinTheirTicketsInSql()
    {
        var repairs = FaultClusterQuery.RepairRows(_db, From, To).ToQueryString();
        var complaints = FaultClusterQuery.ComplaintRows(_db, From, To).ToQueryString();

        Assert.Contains("LEFT JOIN [Tickets]", repairs);
        Assert.Contains("[r].[ReceivedAt] >= @", repairs);
        Assert.Contains("LEFT JOIN [Tickets]", complaints);
        Assert.Contains("COALESCE([c].[Model]", complaints);
    }

    [Fact]
    public void EightDOfAComplaintIsFoundThroughTheLinkIndexInSql() =>
        Assert.Contains("EXISTS", EightDService.OfComplaint(_db, "TS-1").ToQueryString());
}
