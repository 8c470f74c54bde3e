using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Records;

/// <summary>A row of the tickets list; times are local to the department.</summary>
public sealed record TicketListRow(
    string TicketNo, DateTime ReceivedAt, Channel? Channel, string? Customer, string? ProductName, string? Model,
    ServiceType? ServiceType, string? Staff, DateTime? ResolvedAt, string? Problem);

/// <summary>The tickets received (来电时间) in a month, filtered, sorted and paged in SQL.</summary>
public sealed class TicketListQuery(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    internal static readonly SortColumns<Ticket> Sorts = new SortColumns<Ticket>(t => t.ReceivedAt)
        .Add(nameof(TicketListRow.TicketNo), t => t.TicketNo)
        .Add(nameof(TicketListRow.ReceivedAt), t => t.ReceivedAt)
        .Add(nameof(TicketListRow.Customer), t => t.Customer)
        .Add(nameof(TicketListRow.ProductName), t => t.ProductName)
        .Add(nameof(TicketListRow.Model), t => t.Model)
        .Add(nameof(TicketListRow.Staff), t => t.Staff)
        .Add(nameof(TicketListRow.ResolvedAt), t => t.ResolvedAt);

    public async Task<RecordPage<TicketListRow>> ListAsync(RecordFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var matching = Matching(db, filter);
        var total = await matching.CountAsync(cancellationToken);
        var rows = await Page(matching, page).ToListAsync(cancellationToken);
        return new(rows.ConvertAll(r => r with { ReceivedAt = clock.ToLocal(r.ReceivedAt), ResolvedAt = clock.ToLocal(r.ResolvedAt) }), total);
    }

    internal IQueryable<Ticket> Matching(ServiceInsightsDbContext db, RecordFilter filter)
    {
        var (from, to) = clock.UtcRange(filter.Month);
        return db.Tickets.AsNoTracking()
            .Where(t => t.ReceivedAt >= from && t.ReceivedAt < to)
            .WhereAnyLike(filter.Staff, t => t.Staff)
            .WhereAnyLike(filter.Product, t => t.ProductName, t => t.Model)
            .WhereAnyLike(filter.Customer, t => t.Customer)
            .WhereAnyLike(filter.Text, t => t.TicketNo, t => t.Customer, t => t.Contact, t => t.Phone, t => t.SerialNo,
                t => t.Problem, t => t.Solution, t => t.Notes);
    }

    internal static IQueryable<TicketListRow> Page(IQueryable<Ticket> matching, PageRequest page) =>
        Sorts.Page(matching, page).Select(t => new TicketListRow(t.TicketNo, t.ReceivedAt, t.Channel, t.Customer, t.ProductName, t.Model,
            t.ServiceType, t.Staff, t.ResolvedAt, t.Problem));
}
