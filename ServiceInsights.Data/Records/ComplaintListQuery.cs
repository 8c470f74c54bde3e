using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Settings;

namespace ServiceInsights.Data.Records;

/// <summary>A row of the complaints list; times are local.</summary>
public sealed record ComplaintListRow(
    string ComplaintNo, string? TicketNo, DateTime ReceivedAt, ComplaintSource? Source, string? Customer, string? ProductName,
    string? Model, string? Description, int? Satisfaction, DateTime? ClosedAt, string? Staff, bool? Media = null, bool? ThreatensExternal = null)
{
    /// <summary>CP-1's class (<see cref="ComplaintClassifier"/>), set once the page of rows is read.</summary>
    public ComplaintClass? Class { get; init; }
}

/// <summary>The complaints received (受理时间) in a month, filtered, sorted and paged in SQL.</summary>
public sealed class ComplaintListQuery(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock, SettingsStore settings)
{
    internal static readonly SortColumns<Complaint> Sorts = new SortColumns<Complaint>(c => c.ReceivedAt)
        .Add(nameof(ComplaintListRow.ComplaintNo), c => c.ComplaintNo)
        .Add(nameof(ComplaintListRow.TicketNo), c => c.TicketNo)
        .Add(nameof(ComplaintListRow.ReceivedAt), c => c.ReceivedAt)
        .Add(nameof(ComplaintListRow.Customer), c => c.Customer)
        .Add(nameof(ComplaintListRow.ProductName), c => c.ProductName)
        .Add(nameof(ComplaintListRow.Model), c => c.Model)
        .Add(nameof(ComplaintListRow.Satisfaction), c => c.Satisfaction)
        .Add(nameof(ComplaintListRow.ClosedAt), c => c.ClosedAt)
        .Add(nameof(ComplaintListRow.Staff), c => c.Staff);

    public async Task<RecordPage<ComplaintListRow>> ListAsync(RecordFilter filter, PageRequest page, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var matching = Matching(db, filter);
        var total = await matching.CountAsync(cancellationToken);
        var rows = (await Page(matching, page).ToListAsync(cancellationToken))
            .ConvertAll(r => r with { ReceivedAt = clock.ToLocal(r.ReceivedAt), ClosedAt = clock.ToLocal(r.ClosedAt) });
        return new(await ClassifyAsync(db, rows, cancellationToken), total);
    }

    /// <summary>One complaint's CP-1 class (for its detail), as the list gives it; null when there is no such complaint.</summary>
    public async Task<ComplaintClass?> ClassOfAsync(string complaintNo, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.Complaints.AsNoTracking().Where(c => c.ComplaintNo == complaintNo)
            .Select(c => new ComplaintListRow(c.ComplaintNo, c.TicketNo, c.ReceivedAt, c.Source, c.Customer, c.ProductName, c.Model, c.Description,
                c.Satisfaction, c.ClosedAt, c.Staff, c.Media, c.ThreatensExternal))
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : (await ClassifyAsync(db, [row with { ReceivedAt = clock.ToLocal(row.ReceivedAt) }], cancellationToken))[0].Class;
    }

    /// <summary>
    /// CP-1 for the rows on the page, as the complaint summary classes them: a repeat needs the complaints received in the
    /// N days before each (N from the settings), so those few columns are read for the page's span.
    /// </summary>
    private async Task<List<ComplaintListRow>> ClassifyAsync(ServiceInsightsDbContext db, List<ComplaintListRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return rows;
        }

        var repeatDays = (await settings.GetSlaAsync(cancellationToken)).RepeatComplaintDays;
        var from = clock.ToUtc(rows.Min(r => r.ReceivedAt)).AddDays(-repeatDays);
        var to = clock.ToUtc(rows.Max(r => r.ReceivedAt));
        var earlier = (await db.Complaints.AsNoTracking()
                .Where(c => c.ReceivedAt >= from && c.ReceivedAt <= to)
                .Select(c => new { c.ComplaintNo, c.Customer, c.ReceivedAt })
                .ToListAsync(cancellationToken))
            .ConvertAll(c => new PriorComplaint(c.ComplaintNo, c.Customer, clock.ToLocal(c.ReceivedAt)));
        return rows.ConvertAll(r => r with
        {
            Class = ComplaintClassifier.Classify(new ComplaintFacts
            {
                ComplaintNo = r.ComplaintNo, Customer = r.Customer, ReceivedAt = r.ReceivedAt, Media = r.Media, ThreatensExternal = r.ThreatensExternal,
                Earlier = earlier,
            }, repeatDays),
        });
    }

    internal IQueryable<Complaint> Matching(ServiceInsightsDbContext db, RecordFilter filter)
    {
        var (from, to) = clock.UtcRange(filter.Month);
        return db.Complaints.AsNoTracking()
            .Where(c => c.ReceivedAt >= from && c.ReceivedAt < to)
            .WhereAnyLike(filter.Staff, c => c.Staff)
            .WhereAnyLike(filter.Product, c => c.ProductName, c => c.Model)
            .WhereAnyLike(filter.Customer, c => c.Customer)
            .WhereAnyLike(filter.Text, c => c.ComplaintNo, c => c.TicketNo, c => c.Customer, c => c.SerialNo, c => c.Description,
                c => c.Measures, c => c.RootCause, c => c.CorrectiveAction, c => c.PreventiveAction, c => c.Responsible);
    }

    internal static IQueryable<ComplaintListRow> Page(IQueryable<Complaint> matching, PageRequest page) =>
        Sorts.Page(matching, page).Select(c => new ComplaintListRow(c.ComplaintNo, c.TicketNo, c.ReceivedAt, c.Source, c.Customer,
            c.ProductName, c.Model, c.Description, c.Satisfaction, c.ClosedAt, c.Staff, c.Media, c.ThreatensExternal));
}
