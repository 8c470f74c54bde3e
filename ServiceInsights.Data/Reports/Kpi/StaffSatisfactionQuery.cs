using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Reports.Kpi;

/// <summary>A staff member's callback satisfaction in a month: the average score (1–5) and how many callbacks gave one.</summary>
public sealed record StaffSatisfaction(double Average, int Answers);

/// <summary>
/// DP-1's satisfaction column: the answers to "满意度" in the callbacks each staff member (回访人) made in the month up to
/// as-of (<see cref="AsOfWindow"/>), averaged in the database (the month on the indexed callback time; no row leaves the
/// database).
/// </summary>
public sealed class StaffSatisfactionQuery(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    /// <param name="asOfLocal">The report's as-of in the department's local time (<see cref="Kpi.KpiReport.AsOf"/>).</param>
    public async Task<IReadOnlyDictionary<string, StaffSatisfaction>> ForMonthAsync(ReportMonth month, DateTime asOfLocal,
        CancellationToken cancellationToken = default)
    {
        var (from, to, _) = AsOfWindow.Of(month, clock.ToUtc(asOfLocal), clock);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Callbacks.AsNoTracking()
            .Where(c => c.At >= from && c.At < to && c.Satisfaction != null)
            .GroupBy(c => c.Staff ?? "")
            .Select(g => new { Staff = g.Key, Average = g.Average(c => (double)c.Satisfaction!.Value), Answers = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Staff, r => new StaffSatisfaction(r.Average, r.Answers), StringComparer.Ordinal);
    }
}
