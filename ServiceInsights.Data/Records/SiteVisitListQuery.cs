using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Records;

/// <summary>A row of the site-visits list; times are local. <see cref="Ticket"/> is null when the visit names no ticket
/// or its ticket is not imported yet.</summary>
public sealed record SiteVisitListRow(
    string DispatchNo, string? TicketNo, DispatchSource? Source, DateTime OrderedAt, DateTime? AppointmentAt, DateTime? ArrivedAt,
    DateTime? CompletedAt, int? SurveyScore, string? Engineer, TicketSummary? Ticket = null);

/// <summary>
/// The site visits ordered (下单时间) in a month. The staff filter matches the engineer; customer and product match the
/// visit's ticket.
/// </summary>
public sealed class SiteVisitListQuery(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    internal static readonly SortColumns<SiteVisit> Sorts = new SortColumns<SiteVisit>(v => v.OrderedAt)
        .Add(nameof(SiteVisitListRow.DispatchNo), v => v.DispatchNo)
        .Add(nameof(SiteVisitListRow.TicketNo), v => v.TicketNo)
        .Add(nameof(SiteVisitListRow.OrderedAt), v => v.OrderedAt)
        .Add(nameof(SiteVisitListRow.AppointmentAt), v => v.AppointmentAt)
        .Add(nameof(SiteVisitListRow.ArrivedAt), v => v.ArrivedAt)
        .Add(nameof(SiteVisitListRow.CompletedAt), v => v.CompletedAt)
        .Add(nameof(SiteVisitListRow.SurveyScore), v => v.SurveyScore)
        .Add(nameof(SiteVisitListRow.Engineer), v => v.Engineer);

    public async Task<RecordPage<SiteVisitListRow>> ListAsync(RecordFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var matching = Matching(db, filter);
        var total = await matching.CountAsync(cancellationToken);
        var rows = await Page(matching, page).ToListAsync(cancellationToken);
        var tickets = await TicketSummaries.ForAsync(db, rows.Select(r => r.TicketNo), cancellationToken);
        return new(rows.ConvertAll(r => r with
        {
            OrderedAt = clock.ToLocal(r.OrderedAt),
            AppointmentAt = clock.ToLocal(r.AppointmentAt),
            ArrivedAt = clock.ToLocal(r.ArrivedAt),
            CompletedAt = clock.ToLocal(r.CompletedAt),
            Ticket = r.TicketNo is { } no ? tickets.GetValueOrDefault(no) : null,
        }), total);
    }

    internal IQueryable<SiteVisit> Matching(ServiceInsightsDbContext db, RecordFilter filter)
    {
        var (from, to) = clock.UtcRange(filter.Month);
        var query = db.SiteVisits.AsNoTracking()
            .Where(v => v.OrderedAt >= from && v.OrderedAt < to)
            .WhereAnyLike(filter.Staff, v => v.Engineer)
            .WhereAnyLike(filter.Text, v => v.DispatchNo, v => v.TicketNo, v => v.Engineer);
        foreach (var tickets in TicketSummaries.Matching(db, staff: null, filter.Product, filter.Customer))
        {
            query = query.Where(v => tickets.Any(t => t.TicketNo == v.TicketNo));
        }

        return query;
    }

    internal static IQueryable<SiteVisitListRow> Page(IQueryable<SiteVisit> matching, PageRequest page) =>
        Sorts.Page(matching, page).Select(v => new SiteVisitListRow(v.DispatchNo, v.TicketNo, v.Source, v.OrderedAt, v.AppointmentAt,
            v.ArrivedAt, v.CompletedAt, v.SurveyScore, v.Engineer, null));
}
