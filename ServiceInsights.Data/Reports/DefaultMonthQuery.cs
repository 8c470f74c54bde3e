using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Reports;

/// <summary>
/// The month a page opens on when its URL names none: the current month once a ticket received in it has been
/// imported, else the month before it (the last complete month). In the first days of a month, before the first
/// export of the month is imported, the current month would show empty cards and lists; this keeps the last full
/// month in view until there is something to show. The month picker's "本月" button still opens the month to date.
/// </summary>
public sealed class DefaultMonthQuery(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    public async Task<ReportMonth> GetAsync(CancellationToken cancellationToken = default)
    {
        var current = clock.CurrentMonth;
        var (from, to) = clock.UtcRange(current);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var hasData = await db.Tickets.AsNoTracking().AnyAsync(t => t.ReceivedAt >= from && t.ReceivedAt < to, cancellationToken);
        return hasData ? current : current.Previous;
    }
}
