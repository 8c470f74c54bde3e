using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Reports.Kpi;

/// <summary>
/// Every rule of the metric dictionary for one month. <see cref="AsOf"/> is local; <see cref="CalendarComplete"/> is false
/// when the month or the span up to as-of touches a year without a loaded holiday schedule (working days are then guessed
/// from weekdays and the page must say so).
/// </summary>
public sealed record KpiReport(ReportMonth Month, DateTime AsOf, bool CalendarComplete, IReadOnlyList<MetricResult> Results)
{
    public MetricResult this[string id] => Results.Single(r => r.Id == id);

    /// <summary>The target rates in force when the report was made (<see cref="KpiService"/> sets them; the defaults otherwise).</summary>
    public TargetRates Targets { get; init; } = TargetRates.Defaults;

    /// <summary>The rule's target rate for the report's year (0.95).</summary>
    public double TargetRateOf(string id) => Targets.RateOf(id, Month.Year);

    /// <summary>How the rule's rate stands against its target rate (green, amber, red, small sample, no data).</summary>
    public RateStatus StatusOf(MetricResult result) => Targets.StatusOf(result.Id, Month.Year, result.Rate, result.Eligible);

    /// <summary>The same report with every rule's counts, rate and target but no verdicts: what a trend needs.</summary>
    public KpiReport Summary() => this with { Results = [.. Results.Select(r => r with { Verdicts = [] })] };
}

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
        var local = new LocalTimes(clock, window);

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
                    await MapSqliteFileAsync(db, true, cancellationToken);
                    try
                    {
                        rows.SetResult(await read(new KpiQueries(db, window, complaintsFrom, settings.ForbiddenPhrases), db));
                    }
                    finally
                    {
                        await MapSqliteFileAsync(db, false, CancellationToken.None);
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

        // Every set through a plain reader (see RowReader), but CS-1b's few texts through EF.
        Task<IReadOnlyList<T>> ReadRows<T>(Func<KpiQueries, IQueryable<T>> query, Func<RowReader.Row, T> read) =>
            OnLane<T>(async (q, db) => await RowReader.ReadAsync(db, query(q), read, cancellationToken));

        var ticketsTask = ReadRows(q => q.Tickets, KpiRowReader.Ticket);
        var callbacksTask = ReadRows(q => q.Callbacks, KpiRowReader.Callback);
        var complaintsTask = ReadRows(q => q.Complaints, KpiRowReader.Complaint);
        var phraseTextsTask = Read(q => q.ForbiddenPhraseTexts);
        var visitsTask = ReadRows(q => q.Visits, KpiRowReader.Visit);
        var repairsTask = ReadRows(q => q.Repairs, KpiRowReader.Repair);
        var quotesTask = ReadRows(q => q.Quotes, KpiRowReader.Quote);
        var updatesTask = ReadRows(q => q.RepairUpdates, KpiRowReader.RepairUpdate);
        // The last two wait for the rows that name the tickets they look up; every query before them in the queue has been
        // taken by a lane by then, so they never wait for one that no lane runs.
        var linkedCallbacksTask = OnLane<LinkedCallbackRow>(async (q, db) =>
            await RowReader.ReadAsync(db, q.LinkedCallbacks([.. (await ticketsTask).Select(t => t.TicketNo), .. (await visitsTask).Select(v => v.TicketNo).OfType<string>()]),
                KpiRowReader.LinkedCallback, cancellationToken));
        var linkedTicketsTask = OnLane<LinkedTicket>(async (q, db) =>
        {
            var numbers = OutsideTheMonth(await ticketsTask,
                [.. (await repairsTask).Select(r => r.TicketNo), .. (await visitsTask).Select(v => v.TicketNo), .. (await callbacksTask).Select(c => c.TicketNo),
                    .. (await complaintsTask).Select(c => c.TicketNo), .. (await quotesTask).Select(q => q.TicketNo)]);
            return numbers.Count == 0 ? [] : await RowReader.ReadAsync(db, q.LinkedTickets(numbers), KpiRowReader.LinkedTicket, cancellationToken);
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
            ticketByNo[t.TicketNo] = new LinkedTicket(t.TicketNo, t.Origin, t.ServiceType, t.Staff, t.Model, t.Vip);
        }

        // CS-1b: the database reported these few tickets to contain a phrase; name the phrases found (ordinal, as before).
        var phraseHits = phraseTextsTask.Result.ToDictionary(t => t.TicketNo,
            t => ForbiddenPhraseHit.Find(t.Solution, t.Notes, settings.ForbiddenPhrases), StringComparer.Ordinal);

        foreach (var t in linkedTickets)
        {
            ticketByNo.TryAdd(t.TicketNo, t);
        }

        // Callbacks linked to the month's tickets (CS-3d, CS-7a, CS-7b) and visits (OS-2d), whenever they were made.
        var linkedCallbacks = ByNumber(linkedCallbacksTask.Result, c => c.TicketNo!, c => new LinkedCallback(c.CallbackNo, local[c.At], c.Method, c.Reached));
        var updates = ByNumber(updatesTask.Result, u => u.RepairNo, u => local[u.At]);

        LinkedTicket? TicketOf(string? no) => no is not null && ticketByNo.TryGetValue(no, out var ticket) ? ticket : null;
        IReadOnlyList<LinkedCallback> CallbacksOf(string? no) => no is not null && linkedCallbacks.TryGetValue(no, out var found) ? found : [];

        // The classifier only looks at earlier complaints of the same (trimmed) customer: hand each complaint just those,
        // not every complaint of the window (quadratic in a large month).
        var earlierByCustomer = complaints
            .Select(c => new PriorComplaint(c.ComplaintNo, c.Customer, local[c.ReceivedAt]))
            .ToLookup(c => c.Customer?.Trim() ?? "", StringComparer.Ordinal);
        IReadOnlyList<PriorComplaint> EarlierOf(string? customer) => [.. earlierByCustomer[customer?.Trim() ?? ""]];

        // The snapshots of each kind side by side (they only read the lookups above; each side converts times with its own
        // LocalTimes, which is not thread-safe); tickets and callbacks are most of them.
        TicketFacts[] ticketFacts = [];
        CallbackFacts[] callbackFacts = [];
        RepairFacts[] repairFacts = [];
        VisitFacts[] visitFacts = [];
        ComplaintFacts[] complaintFacts = [];
        QuoteFacts[] quoteFacts = [];
        Parallel.Invoke(
            new ParallelOptions { CancellationToken = cancellationToken },
            () => ticketFacts = Snapshots(tickets, t => ToFacts(t, CallbacksOf(t.TicketNo), phraseHits.GetValueOrDefault(t.TicketNo) ?? [], local)),
            () =>
            {
                var times = new LocalTimes(clock, window);
                callbackFacts = Snapshots(callbacks, c => ToFacts(c, TicketOf(c.TicketNo), times));
            },
            () =>
            {
                var times = new LocalTimes(clock, window);
                repairFacts = Snapshots(repairs, r => ToFacts(r, TicketOf(r.TicketNo), updates.TryGetValue(r.RepairNo, out var at) ? at : [], times));
                visitFacts = Snapshots(visits, v => ToFacts(v, TicketOf(v.TicketNo), CallbacksOf(v.TicketNo), times));
                complaintFacts = Snapshots([.. complaints.Where(c => c.ReceivedAt >= from)], c => ToFacts(c, TicketOf(c.TicketNo), EarlierOf(c.Customer), times));
                quoteFacts = Snapshots(quotes, q => ToFacts(q, TicketOf(q.TicketNo), times));
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
    private static List<string> OutsideTheMonth(IReadOnlyList<TicketRow> monthTickets, List<string?> named)
    {
        var month = new HashSet<string>(monthTickets.Count, StringComparer.Ordinal);
        foreach (var t in monthTickets)
        {
            month.Add(t.TicketNo);
        }

        return [.. named.OfType<string>().Where(no => !month.Contains(no))];
    }

    /// <summary>
    /// SQLite reads the month's rows scattered over a large file page by page; through the file's memory map rather than a
    /// read call per page, which was most of the queries' own CPU time (kernel time) on the 1M-ticket bench database. A
    /// per-connection setting, so it is turned off again when the query is done (<paramref name="map"/> false): the pooled
    /// connection then lets go of the mapped pages, and the process's working set does not keep every page any month's
    /// run touched (the pages stay in the OS page cache; mapping them again costs page faults, not reads).
    /// </summary>
    private static async Task MapSqliteFileAsync(ServiceInsightsDbContext db, bool map, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync(map ? "PRAGMA mmap_size = 4294967296;" : "PRAGMA mmap_size = 0;", cancellationToken);
        }
    }

    /// <summary>
    /// The queries behind <see cref="LoadAsync"/>: the month's records by their indexed anchor time in the
    /// <paramref name="Window"/> up to as-of (complaints from <paramref name="ComplaintsFrom"/>, for CP-1), and their linked
    /// records made by as-of, through a join on the indexed repair number (status updates) or by the ticket numbers already
    /// read (linked tickets and callbacks), sent as one JSON array, never as one parameter per number (a month names tens of
    /// thousands; SQL Server caps a command at 2,100 parameters).
    /// </summary>
    internal sealed record KpiQueries(ServiceInsightsDbContext Db, AsOfWindow Window, DateTime ComplaintsFrom, IReadOnlyList<string> ForbiddenPhrases)
    {
        private DateTime From => Window.From;

        /// <summary>The month's end, or just after as-of when that comes first: an anchor time t belongs when From ≤ t &lt; To.</summary>
        private DateTime To => Window.Until;

        private DateTime AsOf => Window.AsOfUtc;

        private IQueryable<Ticket> MonthTickets => Db.Tickets.AsNoTracking().Where(t => t.ReceivedAt >= From && t.ReceivedAt < To);

        /// <summary>
        /// The month's tickets with only the columns the rules read: CS-2's blank checks run in SQL (a bit per field of
        /// <see cref="RequiredTicketFields"/>), so the long texts (problem, solution, notes) stay in the database.
        /// </summary>
        public IQueryable<TicketRow> Tickets => TicketRows(MonthTickets);

        /// <summary>The rules' columns of <paramref name="tickets"/> (the month's, or the callback worklist's).</summary>
        public static IQueryable<TicketRow> TicketRows(IQueryable<Ticket> tickets) => tickets.Select(t => new TicketRow(
            t.TicketNo, t.ReceivedAt, t.Vip, t.ProductName, t.Model, t.Origin, t.ServiceType, t.Staff,
            t.SmsConfirmedAt, t.FirstResponseAt, t.PromisedBy, t.SatisfactoryReplyAt, t.ResolvedAt,
            (string.IsNullOrWhiteSpace(t.Customer) ? (int)RequiredTicketFields.Customer : 0)
            + (string.IsNullOrWhiteSpace(t.Address) ? (int)RequiredTicketFields.Address : 0)
            + (string.IsNullOrWhiteSpace(t.Contact) ? (int)RequiredTicketFields.Contact : 0)
            + (string.IsNullOrWhiteSpace(t.Phone) ? (int)RequiredTicketFields.Phone : 0)
            + (string.IsNullOrWhiteSpace(t.ProductName) ? (int)RequiredTicketFields.ProductName : 0)
            + (string.IsNullOrWhiteSpace(t.Model) ? (int)RequiredTicketFields.Model : 0)
            + (string.IsNullOrWhiteSpace(t.SerialNo) ? (int)RequiredTicketFields.SerialNo : 0)
            + (t.PurchaseDate == null ? (int)RequiredTicketFields.PurchaseDate : 0)
            + (string.IsNullOrWhiteSpace(t.Problem) ? (int)RequiredTicketFields.Problem : 0)
            + (string.IsNullOrWhiteSpace(t.Solution) ? (int)RequiredTicketFields.Solution : 0)));

        /// <summary>
        /// CS-1b: the solution and notes of just the month's tickets that contain a forbidden phrase (one <c>instr</c> /
        /// <c>CHARINDEX</c> test per phrase and text, each phrase a parameter); almost no ticket has one. A query of its own,
        /// on another lane: the same tests inside the tickets' query (texts selected only under a phrase) made that query,
        /// the longest, about twice as long, and the linked callbacks wait for it.
        /// </summary>
        public IQueryable<TicketTextRow> ForbiddenPhraseTexts =>
            MonthTickets.Where(ContainsAny(ForbiddenPhrases)).Select(t => new TicketTextRow(t.TicketNo, t.Solution, t.Notes));

        private IQueryable<Repair> MonthRepairs => Db.Repairs.AsNoTracking().Where(r => r.ReceivedAt >= From && r.ReceivedAt < To);

        public IQueryable<RepairFactsRow> Repairs =>
            MonthRepairs.Select(r => new RepairFactsRow(r.RepairNo, r.TicketNo, r.ReceivedAt, r.OrderedAt, r.HandedOverAt, r.RepairedAt, r.AgreedDueDate));

        public IQueryable<VisitFactsRow> Visits => VisitRows(Db.SiteVisits.AsNoTracking().Where(v => v.OrderedAt >= From && v.OrderedAt < To));

        /// <summary>The rules' columns of <paramref name="visits"/> (the month's, or the callback worklist's).</summary>
        public static IQueryable<VisitFactsRow> VisitRows(IQueryable<SiteVisit> visits) => visits
            .Select(v => new VisitFactsRow(v.DispatchNo, v.TicketNo, v.Source, v.OrderedAt, v.DirectorSignedAt, v.AppointmentAt, v.RescheduledWithNotice,
                v.ArrivedAt, v.CompletedAt, v.FormFiled, v.SurveyScore, v.Engineer));

        /// <summary>The month's callbacks without their free texts (customer, product, other needs, notes).</summary>
        private IQueryable<Callback> MonthCallbacks => Db.Callbacks.AsNoTracking().Where(c => c.At >= From && c.At < To);

        public IQueryable<CallbackFactsRow> Callbacks => MonthCallbacks.Select(c => new CallbackFactsRow(c.CallbackNo, c.TicketNo, c.At, c.Method, c.Reached, c.Solved, c.RunningNormally, c.Satisfaction, c.Staff, c.Model));

        public IQueryable<QuoteFactsRow> Quotes => Db.Quotes.AsNoTracking().Where(q => q.QuotedAt >= From && q.QuotedAt < To)
            .Select(q => new QuoteFactsRow(q.QuoteNo, q.TicketNo, q.QuotedAt, q.FirstQuoted, q.NoInvoiceRequested));

        /// <summary>The complaints of the month and of the N days before it (CP-1's repeats), without their descriptions.</summary>
        public IQueryable<ComplaintFactsRow> Complaints => Db.Complaints.AsNoTracking().Where(c => c.ReceivedAt >= ComplaintsFrom && c.ReceivedAt < To)
            .Select(c => new ComplaintFactsRow(c.ComplaintNo, c.TicketNo, c.Customer, c.ReceivedAt, c.Source, c.SalesFeedbackAt, c.ThreatensExternal, c.Media,
                c.PromisedBy, c.Measures, c.ManagerInformedAt, c.LeaderInformedAt, c.ResultNotifiedAt, c.Satisfaction, c.RootCause, c.CorrectiveAction,
                c.Responsible, c.ClosedAt, c.CaseStudyWritten, c.Staff, c.Model));

        /// <summary>
        /// What the month's repairs, visits, callbacks, complaints and quotes need of the tickets they name that were received
        /// outside the month (<paramref name="numbers"/>, found in the rows already read) but by as-of: the numbers travel as
        /// one JSON array parameter (json_each / OPENJSON), so they may be many, and each is one seek in the ticket number's index.
        /// </summary>
        public IQueryable<LinkedTicket> LinkedTickets(IEnumerable<string> numbers)
        {
            var list = Once(numbers);
            return Db.Tickets.Where(t => EF.Parameter(list).Contains(t.TicketNo) && t.ReceivedAt <= AsOf)
                .Select(t => new LinkedTicket(t.TicketNo, t.Origin, t.ServiceType, t.Staff, t.Model, t.Vip));
        }

        /// <summary>
        /// The callbacks made by as-of, in whatever month, of the tickets numbered (the month's tickets and the month's visits'
        /// tickets, already read: one JSON array, each number one seek in the callbacks' ticket number index).
        /// </summary>
        public IQueryable<LinkedCallbackRow> LinkedCallbacks(IEnumerable<string> ticketNumbers)
        {
            var list = Once(ticketNumbers);
            return Db.Callbacks.Where(c => EF.Parameter(list).Contains(c.TicketNo!) && c.At <= AsOf)
                .Select(c => new LinkedCallbackRow(c.TicketNo, c.CallbackNo, c.At, c.Method, c.Reached));
        }

        /// <summary>The numbers for a JSON array parameter, each once.</summary>
        private static string[] Once(IEnumerable<string> numbers) => [.. numbers.Distinct(StringComparer.Ordinal)];

        /// <summary>The status updates of the month's repairs made by as-of (CS-4c).</summary>
        public IQueryable<RepairUpdateRow> RepairUpdates =>
            from r in MonthRepairs
            join u in Db.RepairUpdates on r.RepairNo equals u.RepairNo
            where u.At <= AsOf
            select new RepairUpdateRow(u.RepairNo, u.At);

        public IEnumerable<IQueryable> All => [Tickets, ForbiddenPhraseTexts, Repairs, Visits, Callbacks, Quotes, Complaints, RepairUpdates];

        /// <summary><c>solution contains p₁ or notes contains p₁ or …</c> over the phrases (false when there are none).</summary>
        private static Expression<Func<Ticket, bool>> ContainsAny(IReadOnlyList<string> phrases)
        {
            var ticket = Expression.Parameter(typeof(Ticket), "t");
            Expression any = Expression.Constant(false);
            foreach (var phrase in phrases)
            {
                // A lambda per phrase so EF sends each one as a parameter, not as literal SQL.
                Expression<Func<Ticket, bool>> test = t => t.Solution!.Contains(phrase) || t.Notes!.Contains(phrase);
                any = Expression.OrElse(any, new Rebind(test.Parameters[0], ticket).Visit(test.Body));
            }

            return Expression.Lambda<Func<Ticket, bool>>(any, ticket);
        }

        private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
        {
            protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
        }
    }

    // The row sets are value types: a month's rows sit in a few arrays per set instead of an object per row, which
    // the collector would otherwise copy from generation to generation until the snapshots are built (decision 016).

    internal readonly record struct TicketRow(
        string TicketNo, DateTime ReceivedAt, bool? Vip, string? ProductName, string? Model, Origin? Origin, ServiceType? ServiceType, string? Staff,
        DateTime? SmsConfirmedAt, DateTime? FirstResponseAt, DateTime? PromisedBy, DateTime? SatisfactoryReplyAt, DateTime? ResolvedAt, int MissingFields);

    internal sealed record TicketTextRow(string TicketNo, string? Solution, string? Notes);

    internal readonly record struct CallbackFactsRow(
        string CallbackNo, string? TicketNo, DateTime At, CallbackMethod? Method, bool Reached, bool? Solved, bool? RunningNormally, int? Satisfaction,
        string? Staff, string? Model);

    internal readonly record struct LinkedTicket(string TicketNo, Origin? Origin, ServiceType? ServiceType, string? Staff, string? Model, bool? Vip);

    internal readonly record struct LinkedCallbackRow(string? TicketNo, string CallbackNo, DateTime At, CallbackMethod? Method, bool Reached);

    internal readonly record struct RepairUpdateRow(string RepairNo, DateTime At);

    internal readonly record struct RepairFactsRow(
        string RepairNo, string? TicketNo, DateTime ReceivedAt, DateTime? OrderedAt, DateTime? HandedOverAt, DateTime? RepairedAt, DateOnly? AgreedDueDate);

    internal readonly record struct VisitFactsRow(
        string DispatchNo, string? TicketNo, DispatchSource? Source, DateTime OrderedAt, DateTime? DirectorSignedAt, DateTime? AppointmentAt,
        bool? RescheduledWithNotice, DateTime? ArrivedAt, DateTime? CompletedAt, bool? FormFiled, int? SurveyScore, string? Engineer);

    internal readonly record struct QuoteFactsRow(string QuoteNo, string? TicketNo, DateTime QuotedAt, QuoteBasis? FirstQuoted, bool? NoInvoiceRequested);

    internal readonly record struct ComplaintFactsRow(
        string ComplaintNo, string? TicketNo, string? Customer, DateTime ReceivedAt, ComplaintSource? Source, DateTime? SalesFeedbackAt,
        bool? ThreatensExternal, bool? Media, DateTime? PromisedBy, string? Measures, DateTime? ManagerInformedAt, DateTime? LeaderInformedAt,
        DateTime? ResultNotifiedAt, int? Satisfaction, string? RootCause, string? CorrectiveAction, string? Responsible, DateTime? ClosedAt,
        bool? CaseStudyWritten, string? Staff, string? Model);

    /// <summary>
    /// UTC → local through <see cref="DepartmentClock"/>, remembered per UTC quarter-hour: an offset only changes on a
    /// quarter-hour, and a month's hundreds of thousands of timestamps fall in a few thousand of them. <see cref="Known"/>
    /// reads an event's timestamp as the window says: empty when it lies after as-of.
    /// </summary>
    private sealed class LocalTimes(DepartmentClock clock, AsOfWindow window)
    {
        private static readonly long Quarter = TimeSpan.FromMinutes(15).Ticks;
        private readonly Dictionary<long, TimeSpan> _offsets = [];

        public DateTime this[DateTime utc]
        {
            get
            {
                var key = utc.Ticks / Quarter;
                if (!_offsets.TryGetValue(key, out var offset))
                {
                    var start = new DateTime(key * Quarter, DateTimeKind.Utc);
                    offset = clock.ToLocal(start) - start;
                    _offsets[key] = offset;
                }

                return DateTime.SpecifyKind(utc + offset, DateTimeKind.Unspecified);
            }
        }

        public DateTime? this[DateTime? utc] => utc is { } value ? this[value] : null;

        /// <summary>An event's time, local, when it happened by as-of; else null.</summary>
        public DateTime? Known(DateTime? utc) => this[window.Known(utc)];
    }

    private static TicketFacts ToFacts(TicketRow t, IReadOnlyList<LinkedCallback> callbacks, IReadOnlyList<ForbiddenPhraseHit> phraseHits, LocalTimes local) => new()
    {
        TicketNo = t.TicketNo,
        ReceivedAt = local[t.ReceivedAt],
        Vip = t.Vip == true,
        ProductName = t.ProductName,
        Model = t.Model,
        Origin = t.Origin,
        ServiceType = t.ServiceType,
        Staff = t.Staff,
        SmsConfirmedAt = local.Known(t.SmsConfirmedAt),
        FirstResponseAt = local.Known(t.FirstResponseAt),
        PromisedBy = local[t.PromisedBy],
        SatisfactoryReplyAt = local.Known(t.SatisfactoryReplyAt),
        ResolvedAt = local.Known(t.ResolvedAt),
        MissingFields = (RequiredTicketFields)t.MissingFields,
        ForbiddenPhraseHits = phraseHits,
        Callbacks = callbacks,
    };

    private static RepairFacts ToFacts(RepairFactsRow r, LinkedTicket? ticket, IReadOnlyList<DateTime> updates, LocalTimes local) => new()
    {
        RepairNo = r.RepairNo,
        TicketNo = r.TicketNo,
        ReceivedAt = local[r.ReceivedAt],
        OrderedAt = local.Known(r.OrderedAt),
        HandedOverAt = local.Known(r.HandedOverAt),
        RepairedAt = local.Known(r.RepairedAt),
        AgreedDueDate = r.AgreedDueDate,
        Origin = ticket?.Origin,
        Staff = ticket?.Staff,
        Model = ticket?.Model,
        Vip = ticket?.Vip == true,
        StatusUpdates = updates,
    };

    private static VisitFacts ToFacts(VisitFactsRow v, LinkedTicket? ticket, IReadOnlyList<LinkedCallback> callbacks, LocalTimes local) => new()
    {
        DispatchNo = v.DispatchNo,
        TicketNo = v.TicketNo,
        Source = v.Source,
        OrderedAt = local[v.OrderedAt],
        DirectorSignedAt = local.Known(v.DirectorSignedAt),
        AppointmentAt = local[v.AppointmentAt],
        RescheduledWithNotice = v.RescheduledWithNotice,
        ArrivedAt = local.Known(v.ArrivedAt),
        CompletedAt = local.Known(v.CompletedAt),
        FormFiled = v.FormFiled,
        SurveyScore = v.SurveyScore,
        Engineer = v.Engineer,
        TicketServiceType = ticket?.ServiceType,
        Model = ticket?.Model,
        Vip = ticket?.Vip == true,
        Callbacks = callbacks,
    };

    private static CallbackFacts ToFacts(CallbackFactsRow c, LinkedTicket? ticket, LocalTimes local) => new()
    {
        CallbackNo = c.CallbackNo,
        TicketNo = c.TicketNo,
        At = local[c.At],
        Method = c.Method,
        Reached = c.Reached,
        Solved = c.Solved,
        RunningNormally = c.RunningNormally,
        Satisfaction = c.Satisfaction,
        Staff = c.Staff,
        Model = c.Model ?? ticket?.Model,
        Vip = ticket?.Vip == true,
    };

    private static ComplaintFacts ToFacts(ComplaintFactsRow c, LinkedTicket? ticket, IReadOnlyList<PriorComplaint> earlier, LocalTimes local) => new()
    {
        ComplaintNo = c.ComplaintNo,
        TicketNo = c.TicketNo,
        Customer = c.Customer,
        ReceivedAt = local[c.ReceivedAt],
        Source = c.Source,
        SalesFeedbackAt = local.Known(c.SalesFeedbackAt),
        ThreatensExternal = c.ThreatensExternal,
        Media = c.Media,
        PromisedBy = local[c.PromisedBy],
        Measures = c.Measures,
        ManagerInformedAt = local.Known(c.ManagerInformedAt),
        LeaderInformedAt = local.Known(c.LeaderInformedAt),
        ResultNotifiedAt = local.Known(c.ResultNotifiedAt),
        Satisfaction = c.Satisfaction,
        RootCause = c.RootCause,
        CorrectiveAction = c.CorrectiveAction,
        Responsible = c.Responsible,
        ClosedAt = local.Known(c.ClosedAt),
        CaseStudyWritten = c.CaseStudyWritten,
        Staff = c.Staff,
        Model = c.Model ?? ticket?.Model,
        Vip = ticket?.Vip == true,
        Earlier = earlier,
    };

    private static QuoteFacts ToFacts(QuoteFactsRow q, LinkedTicket? ticket, LocalTimes local) => new()
    {
        QuoteNo = q.QuoteNo,
        TicketNo = q.TicketNo,
        QuotedAt = local[q.QuotedAt],
        FirstQuoted = q.FirstQuoted,
        NoInvoiceRequested = q.NoInvoiceRequested,
        Staff = ticket?.Staff,
        Model = ticket?.Model,
        Vip = ticket?.Vip == true,
    };
}
