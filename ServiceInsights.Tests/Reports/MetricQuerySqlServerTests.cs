using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Reports;

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
        var (from, to) = TestClock.Shanghai.UtcRange(new ReportMonth(2026, 10));
        return new MetricQuery.KpiQueries(_db, from, to, from.AddDays(-SlaSettings.Defaults.RepeatComplaintDays), SlaSettings.Defaults.ForbiddenPhrases);
    }

    [Fact]
    public void EveryQueryOfTheMonthTranslatesWithoutAListOfNumbers()
    {
        var sql = Queries().All.Select(q => q.ToQueryString()).ToList();

        Assert.Equal(7, sql.Count);
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
        Assert.Single(sql.Split('\n'), line => line.StartsWith("DECLARE", StringComparison.Ordinal));
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
    public void TheTicketQueryReturnsLongTextsOnlyUnderAForbiddenPhraseAndChecksBlanksInSql()
    {
        var sql = Queries().Tickets.ToQueryString();
        var selected = sql[sql.IndexOf("SELECT", StringComparison.Ordinal)..sql.IndexOf("FROM [Tickets]", StringComparison.Ordinal)];

        // The problem appears only inside the blank checks; solution and notes are selected only under the phrase test.
        Assert.DoesNotContain("[t].[Problem],", selected);
        Assert.Contains("[t].[Address] IS NULL", selected);
        foreach (var text in new[] { "[t].[Solution]", "[t].[Notes]" })
        {
            var selectedAsColumn = selected.Split(text).Skip(1).Count(after => after.TrimStart().StartsWith("ELSE", StringComparison.Ordinal)
                || after.TrimStart().StartsWith("END", StringComparison.Ordinal));
            Assert.Equal(1, selectedAsColumn);
        }

        Assert.Contains("THEN [t].[Notes]", selected.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal));
    }

    [Fact]
    public void ForbiddenPhrasesAreSentAsParametersOnePerPhrase()
    {
        var sql = Queries().Tickets.ToQueryString();

        var declared = sql[..sql.IndexOf("SELECT", StringComparison.Ordinal)];

        Assert.All(SlaSettings.Defaults.ForbiddenPhrases, phrase => Assert.Contains($"nvarchar(4000) = N'%{phrase}%'", declared));
        Assert.Contains("[t].[Notes]", sql);
        Assert.DoesNotContain("OPENJSON", sql);
    }
}
