using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Persistence.Sqlite;

namespace ServiceInsights.Data.Reports.Kpi;

/// <summary>
/// Loads what a month's KPIs need — the month's records by their indexed anchor time, the records linked to them by ticket
/// or repair number, and the complaints of the previous N days (CP-1) — builds the snapshots with local times and evaluates
/// every rule (<see cref="MetricCatalog"/>). Never reads a whole table. What is known at as-of is applied here, for every
/// kind, and nowhere in the rules (<see cref="AsOfWindow"/>): records anchored after as-of are not read, and every other
/// timestamp after as-of is read as empty.
/// </summary>
public sealed partial class MetricQuery(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    /// <param name="keepVerdicts">false: a summary (<see cref="KpiReport.Summary"/>), for a trend.</param>
    public async Task<KpiReport> RunAsync(ReportMonth month, DateTime asOfUtc, SlaSettings settings, WorkingCalendar calendar,
        bool keepVerdicts = true, CancellationToken cancellationToken = default)
    {
        var asOf = clock.ToLocal(asOfUtc);
        var inputs = await LoadAsync(month, asOfUtc, settings, cancellationToken);
        var context = new MetricContext(settings, calendar, asOf);
        var last = DateOnly.FromDateTime(asOf) > month.LastDay ? DateOnly.FromDateTime(asOf) : month.LastDay;
        return new KpiReport(month, asOf, calendar.UnknownYears(month.FirstDay, last).Count == 0, MetricCatalog.Evaluate(inputs, context, keepVerdicts));
    }

    /// <summary>The month's records known at <paramref name="asOfUtc"/> as snapshots (local times), with their linked records.</summary>
    public async Task<MetricInputs> LoadAsync(ReportMonth month, DateTime asOfUtc, SlaSettings settings, CancellationToken cancellationToken = default)
    {
        var window = AsOfWindow.Of(month, asOfUtc, clock);
        var from = window.From;

        // The queries run side by side on a few lanes (one per core, at least two, at most four), each on its own context
        // and connection (SQLite readers do not block each other): a month of a large database is a few hundred thousand
        // rows. More lanes than cores only add thread-pool spinning, and each pooled connection maps the file on its own.
        // Each lane takes the next query in the order given, roughly the longest first (measured on the 1M-ticket bench
        // database), so the last one to finish is a short one; the visits come early because the linked callbacks need them.
        // CP-1: a complaint of the month is a repeat when the same customer complained in the previous N days.
        var complaintsFrom = from.AddDays(-settings.RepeatComplaintDays);
        var queue = new ConcurrentQueue<Func<Task>>();
        Task<IReadOnlyList<T>> OnLane<T>(Func<KpiQueries, ServiceInsightsDbContext, Task<IReadOnlyList<T>>> read)
        {
            var rows = new TaskCompletionSource<IReadOnlyList<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
            queue.Enqueue(async () =>
            {
                try
                {
                    await using var db = await factory.CreateDbContextAsync(cancellationToken);
                    await SqliteMemoryMap.MapAsync(db, true, cancellationToken);
                    try
                    {
                        rows.SetResult(await read(new KpiQueries(db, window, complaintsFrom, settings.ForbiddenPhrases), db));
                    }
                    finally
                    {
                        await SqliteMemoryMap.MapAsync(db, false, CancellationToken.None);
                    }
                }
                catch (Exception e)
                {
                    rows.SetException(e);
                }
            });
            return rows.Task;
        }

        Task<IReadOnlyList<T>> Read<T>(Func<KpiQueries, IQueryable<T>> query) => OnLane<T>(async (q, _) => await query(q).ToListAsync(cancellationToken));

        // Every set by name through a plain reader (see RowReader), times made local, but CS-1b's few texts through EF.
        Task<IReadOnlyList<T>> ReadRows<T>(Func<KpiQueries, IQueryable<T>> query) =>
            OnLane<T>(async (q, db) => await RowReader.ReadAsync(db, query(q), LocalTimes.Of(clock), cancellationToken));

        var ticketsTask = ReadRows(q => q.Tickets);
        var callbacksTask = ReadRows(q => q.Callbacks);
        var complaintsTask = ReadRows(q => q.Complaints);
        var phraseTextsTask = Read(q => q.ForbiddenPhraseTexts);
        var visitsTask = ReadRows(q => q.Visits);
        var repairsTask = ReadRows(q => q.Repairs);
        var quotesTask = ReadRows(q => q.Quotes);
        var updatesTask = ReadRows(q => q.RepairUpdates);
        // The last two wait for the rows that name the tickets they look up; every query before them in the queue has been
        // taken by a lane by then, so they never wait for one that no lane runs.
        var linkedCallbacksTask = OnLane<TicketCallback>(async (q, db) =>
            await RowReader.ReadAsync(db, q.LinkedCallbacks([.. (await ticketsTask).Select(t => t.TicketNo), .. (await visitsTask).Select(v => v.TicketNo).OfType<string>()]),
                LocalTimes.Of(clock), cancellationToken));
        var linkedTicketsTask = OnLane<LinkedTicket>(async (q, db) =>
        {
            var numbers = OutsideTheMonth(await ticketsTask,
                [.. (await repairsTask).Select(r => r.TicketNo), .. (await visitsTask).Select(v => v.TicketNo), .. (await callbacksTask).Select(c => c.TicketNo),
                    .. (await complaintsTask).Select(c => c.TicketNo), .. (await quotesTask).Select(q => q.TicketNo)]);
            return numbers.Count == 0 ? [] : await RowReader.ReadAsync(db, q.LinkedTickets(numbers), LocalTimes.Of(clock), cancellationToken);
        });
        await Task.WhenAll(Enumerable.Range(0, Math.Clamp(Environment.ProcessorCount, 2, 4)).Select(_ => Task.Run(async () =>
        {
            while (queue.TryDequeue(out var next))
            {
                await next();
            }
        }, CancellationToken.None)));
        await Task.WhenAll(ticketsTask, linkedCallbacksTask, callbacksTask, repairsTask, visitsTask, quotesTask, complaintsTask, linkedTicketsTask, updatesTask,
            phraseTextsTask);
        var (tickets, repairs, visits, callbacks) = (ticketsTask.Result, repairsTask.Result, visitsTask.Result, callbacksTask.Result);
        var (quotes, complaints, linkedTickets) = (quotesTask.Result, complaintsTask.Result, linkedTicketsTask.Result);

        // Tickets linked from the month's other records (origin, service type, staff, model, VIP), beyond the month's own.
        var ticketByNo = new Dictionary<string, LinkedTicket>(tickets.Count + linkedTickets.Count, StringComparer.Ordinal);
        foreach (var t in tickets)
        {
            ticketByNo[t.TicketNo] = new LinkedTicket { TicketNo = t.TicketNo, Origin = t.Origin, ServiceType = t.ServiceType, Staff = t.Staff, Model = t.Model, Vip = t.Vip };
        }

        // CS-1b: the database reported these few tickets to contain a phrase; name the phrases found (ordinal, as before).
        var phraseHits = phraseTextsTask.Result.ToDictionary(t => t.TicketNo,
            t => ForbiddenPhraseHit.Find(t.Solution, t.Notes, settings.ForbiddenPhrases), StringComparer.Ordinal);

        foreach (var t in linkedTickets)
        {
            ticketByNo.TryAdd(t.TicketNo, t);
        }

        // Callbacks linked to the month's tickets (CS-3d, CS-7a, CS-7b) and visits (OS-2d), whenever they were made.
        var linkedCallbacks = ByNumber(linkedCallbacksTask.Result, c => c.TicketNo, c => new LinkedCallback(c.CallbackNo, c.At, c.Method, c.Reached));
        var updates = ByNumber(updatesTask.Result, u => u.RepairNo, u => u.At);

        LinkedTicket? TicketOf(string? no) => no is not null && ticketByNo.TryGetValue(no, out var ticket) ? ticket : null;
        IReadOnlyList<LinkedCallback> CallbacksOf(string? no) => no is not null && linkedCallbacks.TryGetValue(no, out var found) ? found : [];

        // The classifier only looks at earlier complaints of the same (trimmed) customer: hand each complaint just those,
        // not every complaint of the window (quadratic in a large month).
        var earlierByCustomer = complaints
            .Select(c => new PriorComplaint(c.ComplaintNo, c.Customer, c.ReceivedAt))
            .ToLookup(c => c.Customer?.Trim() ?? "", StringComparer.Ordinal);
        IReadOnlyList<PriorComplaint> EarlierOf(string? customer) => [.. earlierByCustomer[customer?.Trim() ?? ""]];
        var monthFrom = clock.ToLocal(from);

        // The snapshots read from the database get what their linked records tell (tickets and callbacks are most of them).
        TicketFacts[] ticketFacts = [];
        CallbackFacts[] callbackFacts = [];
        RepairFacts[] repairFacts = [];
        VisitFacts[] visitFacts = [];
        ComplaintFacts[] complaintFacts = [];
        QuoteFacts[] quoteFacts = [];
        Parallel.Invoke(
            new ParallelOptions { CancellationToken = cancellationToken },
            () => ticketFacts = Snapshots(tickets, t => t with { Callbacks = CallbacksOf(t.TicketNo), ForbiddenPhraseHits = phraseHits.GetValueOrDefault(t.TicketNo) ?? [] }),
            () => callbackFacts = Snapshots(callbacks, c => Linked(c, TicketOf(c.TicketNo))),
            () =>
            {
                repairFacts = Snapshots(repairs, r => Linked(r, TicketOf(r.TicketNo), updates.TryGetValue(r.RepairNo, out var at) ? at : []));
                visitFacts = Snapshots(visits, v => Linked(v, TicketOf(v.TicketNo), CallbacksOf(v.TicketNo)));
                complaintFacts = Snapshots([.. complaints.Where(c => c.ReceivedAt >= monthFrom)], c => Linked(c, TicketOf(c.TicketNo), EarlierOf(c.Customer)));
                quoteFacts = Snapshots(quotes, q => Linked(q, TicketOf(q.TicketNo)));
            });
        return new MetricInputs(ticketFacts, repairFacts, visitFacts, callbackFacts, complaintFacts, quoteFacts);
    }

    /// <summary>
    /// The rows' snapshots made straight into an array of exactly their number (the rows are counted), not through an array
    /// builder's scratch buffers: a snapshot is a value of up to ~200 bytes.
    /// </summary>
    private static TFacts[] Snapshots<TRow, TFacts>(IReadOnlyList<TRow> rows, Func<TRow, TFacts> snapshot)
    {
        var facts = new TFacts[rows.Count];
        for (var i = 0; i < facts.Length; i++)
        {
            facts[i] = snapshot(rows[i]);
        }

        return facts;
    }

    /// <summary>
    /// The rows' items by number, each number's items in one array in the rows' order (one array per number, shared by every
    /// snapshot that asks for it, instead of a lookup's groupings copied for each).
    /// </summary>
    private static Dictionary<string, TItem[]> ByNumber<TRow, TItem>(IReadOnlyList<TRow> rows, Func<TRow, string> number, Func<TRow, TItem> item)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counts, number(row), out _)++;
        }

        var byNumber = new Dictionary<string, TItem[]>(counts.Count, StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var key = number(row);
            ref var left = ref CollectionsMarshal.GetValueRefOrNullRef(counts, key);
            ref var items = ref CollectionsMarshal.GetValueRefOrAddDefault(byNumber, key, out _);
            items ??= new TItem[left];
            items[^left--] = item(row);
        }

        return byNumber;
    }

    /// <summary>The ticket numbers among <paramref name="named"/> that are not tickets of the month.</summary>
    private static List<string> OutsideTheMonth(IReadOnlyList<TicketFacts> monthTickets, List<string?> named)
    {
        var month = new HashSet<string>(monthTickets.Count, StringComparer.Ordinal);
        foreach (var t in monthTickets)
        {
            month.Add(t.TicketNo);
        }

        return [.. named.OfType<string>().Where(no => !month.Contains(no))];
    }


    // What a snapshot takes from the ticket it names and its other linked records.

    private static RepairFacts Linked(in RepairFacts r, LinkedTicket? ticket, IReadOnlyList<DateTime> updates) =>
        r with { Origin = ticket?.Origin, Staff = ticket?.Staff, Model = ticket?.Model, Vip = ticket?.Vip == true, StatusUpdates = updates };

    private static VisitFacts Linked(in VisitFacts v, LinkedTicket? ticket, IReadOnlyList<LinkedCallback> callbacks) =>
        v with { TicketServiceType = ticket?.ServiceType, Model = ticket?.Model, Vip = ticket?.Vip == true, Callbacks = callbacks };

    private static CallbackFacts Linked(in CallbackFacts c, LinkedTicket? ticket) =>
        c with { Model = c.Model ?? ticket?.Model, Vip = ticket?.Vip == true };

    private static ComplaintFacts Linked(in ComplaintFacts c, LinkedTicket? ticket, IReadOnlyList<PriorComplaint> earlier) =>
        c with { Model = c.Model ?? ticket?.Model, Vip = ticket?.Vip == true, Earlier = earlier };

    private static QuoteFacts Linked(in QuoteFacts q, LinkedTicket? ticket) =>
        q with { Staff = ticket?.Staff, Model = ticket?.Model, Vip = ticket?.Vip == true };
}
