using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Reports;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Reports.Kpi;

/// <summary>
/// <see cref="MetricQuery"/>'s real queries translate to SQL Server too (no server needed: <c>ToQueryString()</c> only
/// translates), select by the anchor-time range, and reach linked records by joins, never by lists of numbers (which
/// grow with the month and would hit SQL Server's 2,100 parameters).
/// </summary>
public sealed class MetricQuerySqlServerTests : IDisposable
{
    private readonly ServiceInsightsDbContext _db = new SqlServerServiceInsightsDbContextFactory().CreateDbContext([]);

    public void Dispose() => _db.Dispose();

    private MetricQuery.KpiQueries Queries()
    {
        var window = AsOfWindow.Of(new ReportMonth(2026, 10), TestClock.Utc("2026-11-27 00:00"), TestClock.Shanghai);
        return new MetricQuery.KpiQueries(_db, window, window.From.AddDays(-SlaSettings.Defaults.RepeatComplaintDays), SlaSettings.Defaults.ForbiddenPhrases);
    }

    [Fact]
    public void EveryQueryOfTheMonthTranslatesWithoutAListOfNumbers()
    {
        var sql = Queries().All.Select(q => q.ToQueryString()).ToList();

        Assert.Equal(8, sql.Count);
        Assert.All(sql, s => Assert.Contains(">= @", s));
        Assert.All(sql, s => Assert.DoesNotContain("OPENJSON", s));
        Assert.All(sql, s => Assert.DoesNotContain("] IN (", s));
    }

    [Fact]
    public void LinkedTicketsAreLookedUpByOneJsonArrayOfNumbersNotAParameterEach()
    {
        var numbers = Enumerable.Range(0, 3000).Select(i => $"GD-{i}").ToList();

        var sql = Queries().LinkedTickets(numbers).ToQueryString();

        Assert.Contains("OPENJSON(@list)", sql);
        Assert.Contains("FROM [Tickets]", sql);
        // The list and the as-of (a linked ticket received after it is not known yet): two parameters, not one per number.
        Assert.Equal(["@list", "@AsOf"], sql.Split('\n').Where(line => line.StartsWith("DECLARE", StringComparison.Ordinal)).Select(line => line.Split(' ')[1]));
    }

    [Fact]
    public void RepairUpdatesAreAJoinAndLinkedCallbacksAreLookedUpByOneJsonArrayOfNumbers()
    {
        var queries = Queries();

        Assert.Contains("INNER JOIN [RepairUpdates]", queries.RepairUpdates.ToQueryString());
        var linkedCallbacks = queries.LinkedCallbacks([.. Enumerable.Range(0, 3000).Select(i => $"GD-{i}")]).ToQueryString();
        Assert.Contains("OPENJSON(@list)", linkedCallbacks);
        Assert.Contains("FROM [Callbacks]", linkedCallbacks);
    }

    [Fact]
    public void TheTicketQueryReturnsNoLongTextAndChecksBlanksInSql()
    {
        var sql = Queries().Tickets.ToQueryString();
        var selected = sql[..sql.IndexOf("FROM [Tickets]", StringComparison.Ordinal)];

        // The texts appear only inside the blank checks, never as a selected column of their own.
        Assert.DoesNotContain("[t].[Problem],", selected);
        Assert.DoesNotContain("[t].[Solution],", selected);
        Assert.DoesNotContain("[t].[Notes]", selected);
        Assert.Contains("[t].[Address] IS NULL", selected);
    }

    [Fact]
    public void ForbiddenPhrasesAreSentAsParametersOnePerPhrase()
    {
        var sql = Queries().ForbiddenPhraseTexts.ToQueryString();

        var declared = sql[..sql.IndexOf("SELECT", StringComparison.Ordinal)];

        Assert.All(SlaSettings.Defaults.ForbiddenPhrases, phrase => Assert.Contains($"nvarchar(4000) = N'%{phrase}%'", declared));
        Assert.Contains("[t].[Notes]", sql);
        Assert.DoesNotContain("OPENJSON", sql);
    }
}
