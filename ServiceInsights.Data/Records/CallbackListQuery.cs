using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Records;

/// <summary>A row of the callbacks list; times are local.</summary>
public sealed record CallbackListRow(
    string CallbackNo, string? TicketNo, DateTime At, CallbackMethod? Method, string? Customer, string? ProductName, string? Model,
    bool Reached, bool? Solved, int? Satisfaction, string? Staff);

/// <summary>The callbacks made (回访时间) in a month, filtered, sorted and paged in SQL.</summary>
public sealed class CallbackListQuery(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    internal static readonly SortColumns<Callback> Sorts = new SortColumns<Callback>(c => c.At)
        .Add(nameof(CallbackListRow.CallbackNo), c => c.CallbackNo)
        .Add(nameof(CallbackListRow.TicketNo), c => c.TicketNo)
        .Add(nameof(CallbackListRow.At), c => c.At)
        .Add(nameof(CallbackListRow.Customer), c => c.Customer)
        .Add(nameof(CallbackListRow.ProductName), c => c.ProductName)
        .Add(nameof(CallbackListRow.Model), c => c.Model)
        .Add(nameof(CallbackListRow.Satisfaction), c => c.Satisfaction)
        .Add(nameof(CallbackListRow.Staff), c => c.Staff);

    public async Task<RecordPage<CallbackListRow>> ListAsync(RecordFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var matching = Matching(db, filter);
        var total = await matching.CountAsync(cancellationToken);
        var rows = await Page(matching, page).ToListAsync(cancellationToken);
        return new(rows.ConvertAll(r => r with { At = clock.ToLocal(r.At) }), total);
    }

    internal IQueryable<Callback> Matching(ServiceInsightsDbContext db, RecordFilter filter)
    {
        var (from, to) = clock.UtcRange(filter.Month);
        return db.Callbacks.AsNoTracking()
            .Where(c => c.At >= from && c.At < to)
            .WhereAnyLike(filter.Staff, c => c.Staff)
            .WhereAnyLike(filter.Product, c => c.ProductName, c => c.Model)
            .WhereAnyLike(filter.Customer, c => c.Customer)
            .WhereAnyLike(filter.Text, c => c.CallbackNo, c => c.TicketNo, c => c.Customer, c => c.OtherNeeds, c => c.Notes);
    }

    internal static IQueryable<CallbackListRow> Page(IQueryable<Callback> matching, PageRequest page) =>
        Sorts.Page(matching, page).Select(c => new CallbackListRow(c.CallbackNo, c.TicketNo, c.At, c.Method, c.Customer, c.ProductName,
            c.Model, c.Reached, c.Solved, c.Satisfaction, c.Staff));
}
