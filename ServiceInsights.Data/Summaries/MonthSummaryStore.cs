using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Entities;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Reports.Kpi;

namespace ServiceInsights.Data.Summaries;

/// <summary>
/// One rule's stored result for an open month (counts and rate as of <see cref="AsOf"/>), with the source it was computed
/// from (<see cref="MonthSummaryStore.SourceAsync"/>): what the trends read instead of evaluating eleven months again.
/// A closed month's figures are its close's (<see cref="MonthClose.MonthArchive"/>), permanent.
/// </summary>
public class MonthSummaryRow
{
    public string Month { get; set; } = "";

    public string RuleId { get; set; } = "";

    public int Position { get; set; }

    public string Group { get; set; } = "";

    public int Eligible { get; set; }

    public int Met { get; set; }

    public int Pending { get; set; }

    public double? Rate { get; set; }

    public string TargetChinese { get; set; } = "";

    public string TargetEnglish { get; set; } = "";

    /// <summary>The as-of the counts are computed at (UTC).</summary>
    public DateTime AsOf { get; set; }

    public bool CalendarComplete { get; set; }

    /// <summary>The data and settings version computed from: "i{last import batch}.s{last setting change}".</summary>
    public string Source { get; set; } = "";
}

public class MonthSummaryRowConfiguration : IEntityTypeConfiguration<MonthSummaryRow>
{
    public void Configure(EntityTypeBuilder<MonthSummaryRow> b)
    {
        b.ToTable("MonthSummaries");
        b.HasKey(r => new { r.Month, r.RuleId });
        b.Property(r => r.Month).HasMaxLength(7);
        b.Property(r => r.RuleId).HasMaxLength(16);
        b.Property(r => r.Group).HasMaxLength(32).IsRequired();
        b.Property(r => r.TargetChinese).HasMaxLength(200).IsRequired();
        b.Property(r => r.TargetEnglish).HasMaxLength(200).IsRequired();
        b.Property(r => r.Source).HasMaxLength(64).IsRequired();
    }
}

/// <summary>A stored month summary as the readers get it: the report (no verdicts), its source and when it was computed.</summary>
public sealed record StoredSummary(KpiReport Report, string Source, DateTime AsOfUtc);

/// <summary>Reads and writes the stored monthly summaries; reads the source version every instance sees in the database.</summary>
public sealed class MonthSummaryStore(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    /// <summary>
    /// What the month figures are computed from, as stored in the database: the last import batch and the last setting
    /// change (every SLA, calendar and hours change is audited there). An import or a change in any instance moves it.
    /// </summary>
    public async Task<string> SourceAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // A running import (committed in slices, decision 030) moves it only once it has ended: a summary computed from
        // part of its rows is then computed again.
        var batch = await db.ImportBatches.Where(b => b.Status != ImportStatus.Running).MaxAsync(b => (long?)b.Id, cancellationToken) ?? 0;
        var change = await db.SettingChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
        return $"i{batch}.s{change}";
    }

    public async Task<IReadOnlyDictionary<ReportMonth, StoredSummary>> ReadAsync(IReadOnlyCollection<ReportMonth> months,
        CancellationToken cancellationToken = default)
    {
        var keys = months.Select(m => m.ToString()).ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.MonthSummaries.AsNoTracking().Where(r => keys.Contains(r.Month)).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Month).ToDictionary(g => ReportMonth.Parse(g.Key), g =>
        {
            var first = g.First();
            return new StoredSummary(new KpiReport(ReportMonth.Parse(g.Key), clock.ToLocal(first.AsOf), first.CalendarComplete,
            [
                .. g.OrderBy(r => r.Position).Select(r => new MetricResult(r.RuleId, Enum.Parse<MetricGroup>(r.Group), r.Eligible, r.Met, r.Pending,
                    r.Rate, new BilingualText(r.TargetChinese, r.TargetEnglish), [])),
            ]), first.Source, first.AsOf);
        });
    }

    /// <summary>Replaces the month's stored summary in one transaction.</summary>
    public async Task SaveAsync(KpiReport report, string source, CancellationToken cancellationToken = default)
    {
        var key = report.Month.ToString();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.MonthSummaries.RemoveRange(await db.MonthSummaries.Where(r => r.Month == key).ToListAsync(cancellationToken));
        var asOf = clock.ToUtc(report.AsOf);
        db.MonthSummaries.AddRange(report.Results.Select((r, i) => new MonthSummaryRow
        {
            Month = key, RuleId = r.Id, Position = i, Group = r.Group.ToString(), Eligible = r.Eligible, Met = r.Met, Pending = r.Pending,
            Rate = r.Rate, TargetChinese = r.Target.Chinese, TargetEnglish = r.Target.English, AsOf = asOf,
            CalendarComplete = report.CalendarComplete, Source = source,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The open months that have a stored summary (what a source change makes stale).</summary>
    public async Task<IReadOnlyList<ReportMonth>> StoredMonthsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var months = await db.MonthSummaries.Select(r => r.Month).Distinct().ToListAsync(cancellationToken);
        return [.. months.Select(ReportMonth.Parse)];
    }
}
