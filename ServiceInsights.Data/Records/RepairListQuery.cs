using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Records;

/// <summary>A row of the repairs list; times are local. <see cref="Ticket"/> is null when the repair names no ticket
/// or its ticket is not imported yet.</summary>
public sealed record RepairListRow(
    string RepairNo, string? TicketNo, DateTime ReceivedAt, DateTime? RepairedAt, DateTime? ShippedAt, DateOnly? AgreedDueDate,
    string? FaultCause, TicketSummary? Ticket = null);

/// <summary>
/// The repairs received (收件时间) in a month. A repair has no customer, product or staff of its own: those filters
/// match its ticket (an <c>EXISTS</c> on the ticket number), and the page's tickets are read in one more query.
/// </summary>
public sealed class RepairListQuery(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    internal static readonly SortColumns<Repair> Sorts = new SortColumns<Repair>(r => r.ReceivedAt)
        .Add(nameof(RepairListRow.RepairNo), r => r.RepairNo)
        .Add(nameof(RepairListRow.TicketNo), r => r.TicketNo)
        .Add(nameof(RepairListRow.ReceivedAt), r => r.ReceivedAt)
        .Add(nameof(RepairListRow.RepairedAt), r => r.RepairedAt)
        .Add(nameof(RepairListRow.ShippedAt), r => r.ShippedAt)
        .Add(nameof(RepairListRow.AgreedDueDate), r => r.AgreedDueDate)
        .Add(nameof(RepairListRow.FaultCause), r => r.FaultCause);

    public async Task<RecordPage<RepairListRow>> ListAsync(RecordFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var matching = Matching(db, filter);
        var total = await matching.CountAsync(cancellationToken);
        var rows = await Page(matching, page).ToListAsync(cancellationToken);
        var tickets = await TicketSummaries.ForAsync(db, rows.Select(r => r.TicketNo), cancellationToken);
        return new(rows.ConvertAll(r => r with
        {
            ReceivedAt = clock.ToLocal(r.ReceivedAt),
            RepairedAt = clock.ToLocal(r.RepairedAt),
            ShippedAt = clock.ToLocal(r.ShippedAt),
            Ticket = r.TicketNo is { } no ? tickets.GetValueOrDefault(no) : null,
        }), total);
    }

    internal IQueryable<Repair> Matching(ServiceInsightsDbContext db, RecordFilter filter)
    {
        var (from, to) = clock.UtcRange(filter.Month);
        var query = db.Repairs.AsNoTracking()
            .Where(r => r.ReceivedAt >= from && r.ReceivedAt < to)
            .WhereAnyLike(filter.Text, r => r.RepairNo, r => r.TicketNo, r => r.FaultCause);
        foreach (var tickets in TicketSummaries.Matching(db, filter.Staff, filter.Product, filter.Customer))
        {
            query = query.Where(r => tickets.Any(t => t.TicketNo == r.TicketNo));
        }

        return query;
    }

    internal static IQueryable<RepairListRow> Page(IQueryable<Repair> matching, PageRequest page) =>
        Sorts.Page(matching, page).Select(r => new RepairListRow(r.RepairNo, r.TicketNo, r.ReceivedAt, r.RepairedAt, r.ShippedAt,
            r.AgreedDueDate, r.FaultCause, null));
}
