using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Reports;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Reports.Kpi;

/// <summary>
/// The records behind the callback duties (CS-3d, CS-7a, CS-7b, OS-2d) that are still open or recently missed: the
/// tickets resolved and the visits completed in a window before as-of, with their linked callbacks, as the same snapshots
/// a month's run judges (<see cref="TicketFacts"/>, <see cref="VisitFacts"/>). The callback worklist evaluates the rules on
/// these, so it and the KPI page cannot disagree about a record.
/// </summary>
/// <param name="VisitTicketStaff">The staff member (客服) of each visit's ticket: the one who calls back after a visit.</param>
public sealed record CallbackDutyInputs(TicketFacts[] Tickets, VisitFacts[] Visits, IReadOnlyDictionary<string, string?> VisitTicketStaff);

public sealed partial class MetricQuery
{
    /// <summary>
    /// Tickets resolved in [<paramref name="ticketsFromUtc"/>, <paramref name="toUtc"/>] and visits completed in
    /// [<paramref name="visitsFromUtc"/>, <paramref name="toUtc"/>], of one staff member (the ticket's 客服; for a visit,
    /// its ticket's) when <paramref name="staff"/> is given. The two time columns and the staff column are indexed.
    /// </summary>
    public async Task<CallbackDutyInputs> LoadCallbackDutiesAsync(DateTime ticketsFromUtc, DateTime visitsFromUtc, DateTime toUtc, string? staff,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        // Known at as-of as a month's run knows it (AsOfWindow): a callback or a resolution after toUtc is not known yet.
        var window = new AsOfWindow(ticketsFromUtc, toUtc.AddTicks(1), toUtc);
        var q = new KpiQueries(db, window, ticketsFromUtc, []);

        var tickets = db.Tickets.AsNoTracking().Where(t => t.ResolvedAt >= ticketsFromUtc && t.ResolvedAt <= toUtc);
        var visits = db.SiteVisits.AsNoTracking().Where(v => v.CompletedAt >= visitsFromUtc && v.CompletedAt <= toUtc);
        if (staff is not null)
        {
            tickets = tickets.Where(t => t.Staff == staff);
            visits = visits.Where(v => db.Tickets.Any(t => t.TicketNo == v.TicketNo && t.Staff == staff));
        }

        var ticketRows = await RowReader.ReadAsync(db, KpiQueries.TicketFacts(tickets, toUtc), LocalTimes.Of(clock), cancellationToken);
        var visitRows = await RowReader.ReadAsync(db, KpiQueries.VisitFacts(visits, toUtc), LocalTimes.Of(clock), cancellationToken);
        var visitTicketNumbers = visitRows.Select(v => v.TicketNo).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var linkedTickets = visitTicketNumbers.Count == 0 ? [] : await RowReader.ReadAsync(db, q.LinkedTickets(visitTicketNumbers), LocalTimes.Of(clock), cancellationToken);
        var callbackRows = await RowReader.ReadAsync(db, q.LinkedCallbacks([.. ticketRows.Select(t => t.TicketNo), .. visitTicketNumbers]),
            LocalTimes.Of(clock), cancellationToken);

        var callbacks = ByNumber(callbackRows, c => c.TicketNo, c => new LinkedCallback(c.CallbackNo, c.At, c.Method, c.Reached));
        IReadOnlyList<LinkedCallback> CallbacksOf(string? no) => no is not null && callbacks.TryGetValue(no, out var found) ? found : [];
        var ticketByNo = linkedTickets.ToDictionary(t => t.TicketNo, StringComparer.Ordinal);

        // CS-1b's phrase hits are not loaded: no callback rule reads them.
        var ticketFacts = Snapshots(ticketRows, t => t with { Callbacks = CallbacksOf(t.TicketNo) });
        var visitFacts = Snapshots(visitRows, v => Linked(v, v.TicketNo is { } no && ticketByNo.TryGetValue(no, out var t) ? t : null, CallbacksOf(v.TicketNo)));
        return new CallbackDutyInputs(ticketFacts, visitFacts, ticketByNo.ToDictionary(t => t.Key, t => t.Value.Staff, StringComparer.Ordinal));
    }
}
