using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Persistence.Sqlite;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;

namespace ServiceInsights.Data.Reports.Callbacks;

/// <summary>
/// Builds the monthly callback report (CS-7d): one projection of the month's callbacks up to as-of (<see cref="AsOfWindow"/>,
/// as the engine reads them) by their indexed time and one run of the metric engine for every rule figure (CS-7b's ticket
/// snapshots carry the product names its families are read from). The last report built is reused while nothing it is
/// built from moved (<see cref="ReportKey"/>) for up to <see cref="KpiCache.Lifetime"/>: the page, then its PDF and its
/// workbook, read one report. Its open items and follow-up items reach back over the whole history (141,000 and 55,000
/// on the 1M-ticket bench database), so building it again for each download cost more than a second.
/// </summary>
public sealed class CallbackReportQuery(IDbContextFactory<ServiceInsightsDbContext> factory, KpiCache kpi, SettingsStore settings,
    DepartmentClock clock, FollowUpService followUps, DataVersion dataVersion)
{
    /// <summary>A satisfaction score at or below this puts the customer on the action list.</summary>
    public const int UnsatisfiedAtMost = 2;

    private readonly Lock _gate = new();
    private (ReportKey Key, CallbackReport Report, DateTime BuiltAt)? _last;

    /// <param name="asOfLocal">The as-of in the department's local time; now when null.</param>
    public async Task<CallbackReport> RunAsync(ReportMonth month, DateTime? asOfLocal = null, CancellationToken cancellationToken = default)
    {
        var engine = await kpi.GetAsync(month, asOfLocal, cancellationToken);
        var key = new ReportKey(month, engine.AsOf, dataVersion.Current, await FollowUpEditsAsync(cancellationToken));
        lock (_gate)
        {
            if (_last is { } last && last.Key == key && clock.UtcNow - last.BuiltAt < KpiCache.Lifetime)
            {
                return last.Report;
            }
        }

        var report = await BuildAsync(month, engine, cancellationToken);
        lock (_gate)
        {
            _last = (key, report, clock.UtcNow);
        }

        return report;
    }

    /// <summary>
    /// What a report is built from: its month and as-of, the records and settings (<see cref="DataVersion"/>, in any
    /// instance) and the follow-up items (the last change to any of them: every opening, edit and verification is one).
    /// </summary>
    private sealed record ReportKey(ReportMonth Month, DateTime AsOf, long DataVersion, long FollowUpEdits);

    private async Task<long> FollowUpEditsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.FollowUpChanges.MaxAsync(c => (long?)c.Id, cancellationToken) ?? 0;
    }

    private async Task<CallbackReport> BuildAsync(ReportMonth month, KpiReport engine, CancellationToken cancellationToken)
    {
        var sla = await settings.GetSlaAsync(cancellationToken);
        var (from, to, _) = AsOfWindow.Of(month, clock.ToUtc(engine.AsOf), clock);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        IReadOnlyList<CallbackRow> callbacks;
        IReadOnlyList<CallbackOpenRow> open;
        await SqliteMemoryMap.MapAsync(db, true, cancellationToken);
        try
        {
            // Every column the detail shows, nothing more, read by name (RowReader: on SQLite straight from its UTF-8, one
            // string per staff name and model); the month's callbacks are few enough (tens of thousands on the 1M-ticket
            // bench) that the counts below are taken from these rows rather than from extra GROUP BY round trips.
            var local = LocalTimes.Of(clock);
            callbacks = await RowReader.ReadAsync(db, Queries.Month(db, from, to), local, cancellationToken);
            open = await OpenAsync(db, to, clock.ToUtc(engine.AsOf), local, cancellationToken);
        }
        finally
        {
            await SqliteMemoryMap.MapAsync(db, false, CancellationToken.None);
        }

        var keyProduct = engine["CS-7b"];
        var items = await followUps.CarriedAsync([FollowUpSource.UnsatisfiedCallback, FollowUpSource.Manual], RecordKind.Callbacks,
            clock.ToUtc(engine.AsOf), cancellationToken);

        return new CallbackReport(
            month,
            engine.AsOf,
            engine.CalendarComplete,
            sla,
            new CallbackReach(callbacks.Count, callbacks.Count(c => c.Reached)),
            ByMethod(callbacks),
            ByWeek(month, callbacks),
            Answers(callbacks),
            [.. callbacks.Where(c => !string.IsNullOrWhiteSpace(c.OtherNeeds))
                .Select(c => new CallbackNeedRow(c.CallbackNo, c.At, c.Customer, c.Product, c.OtherNeeds!.Trim(), c.Staff))],
            Coverage(keyProduct, sla.KeyProductKeywords),
            new CallbackRules(engine["CS-7a"], keyProduct, engine["CS-7c"], engine["CS-3d"], engine["OS-2d"]),
            [.. callbacks.Where(c => c.Reached && (c.Satisfaction <= UnsatisfiedAtMost || c.Solved == false))
                .Select(c => new CallbackActionRow(c.CallbackNo, c.At, c.TicketNo, c.Customer, c.Product, c.Satisfaction, c.Solved,
                    c.RunningNormally, c.OtherNeeds, c.Staff))],
            callbacks) { Open = open, FollowUps = items };
    }

    /// <summary>Whether a callback settles its customer: reached, not unsatisfied, problem not recorded as unsolved.</summary>
    public static bool Successful(bool reached, int? satisfaction, bool? solved) => reached && !(satisfaction <= UnsatisfiedAtMost) && solved != false;

    /// <summary>
    /// The open callbacks (<see cref="CallbackReport.Open"/>) in two reads. First one pass over every callback up to the
    /// as-of in ticket and time order, only what decides success (index-only: the callbacks' ticket number index carries
    /// those columns), folded as it streams: per ticket (a callback without a ticket stands alone), the unsuccessful
    /// callbacks since the last successful one, kept when the first of them was made before the month's end. Then the
    /// shown columns of only those items' callbacks, by key. The pass reads every callback but keeps one small value per
    /// open item; reading the unsuccessful callbacks first and then every callback of their tickets read the table's rows
    /// twice over (3.9 s on the 1M-ticket bench database).
    /// </summary>
    private static async Task<IReadOnlyList<CallbackOpenRow>> OpenAsync(ServiceInsightsDbContext db, DateTime monthEndUtc, DateTime asOfUtc,
        Func<DateTime, DateTime> local, CancellationToken cancellationToken)
    {
        var until = monthEndUtc < asOfUtc ? monthEndUtc : asOfUtc;
        var runs = new List<OpenRun>();
        var run = default(OpenRun);
        string? ticket = null;
        await RowReader.ForEachAsync(db, Queries.Attempts(db, asOfUtc),
            utc => utc,
            attempt =>
            {
                if (attempt.TicketNo is null || !string.Equals(attempt.TicketNo, ticket, StringComparison.Ordinal))
                {
                    Keep(run);
                    run = default;
                    ticket = attempt.TicketNo;
                }

                run = Successful(attempt.Reached, attempt.Satisfaction, attempt.Solved)
                    ? default
                    : run with { First = run.Attempts == 0 ? attempt : run.First, Last = attempt, Attempts = run.Attempts + 1 };
            },
            cancellationToken);
        Keep(run);

        void Keep(OpenRun candidate)
        {
            if (candidate.Attempts > 0 && candidate.First.At < until)
            {
                runs.Add(candidate);
            }
        }

        // The last callback's columns for every item, and the first's customer where the last names none.
        var shown = await ShownAsync(db, runs.Select(r => r.Last.Id), cancellationToken);
        var firstCustomers = await ShownAsync(db, runs.Where(r => shown[r.Last.Id].Customer is null && r.First.Id != r.Last.Id).Select(r => r.First.Id),
            cancellationToken);
        return
        [
            .. runs.Select(r =>
                {
                    var last = shown[r.Last.Id];
                    return new CallbackOpenRow(r.Last.TicketNo, last.CallbackNo, last.Customer ?? firstCustomers.GetValueOrDefault(r.First.Id)?.Customer,
                        ReportText.Product(last.ProductName, last.Model), local(r.First.At), local(r.Last.At), r.Attempts, r.Last.Reached,
                        r.Last.Satisfaction, r.Last.Solved, last.Staff);
                })
                .OrderBy(r => r.FirstAt).ThenBy(r => r.LastCallbackNo, StringComparer.Ordinal),
        ];
    }

    private static async Task<Dictionary<long, ShownCallback>> ShownAsync(ServiceInsightsDbContext db, IEnumerable<long> ids, CancellationToken cancellationToken)
    {
        long[] keys = [.. ids];
        var shown = new Dictionary<long, ShownCallback>(keys.Length);
        if (keys.Length > 0)
        {
            await RowReader.ForEachAsync(db, Queries.Shown(db, keys),
                utc => utc, row => shown.Add(row.Id, row), cancellationToken);
        }

        return shown;
    }

    /// <summary>The report's reads, as SQL both providers translate (MetricQuerySqlServerTests-style tests read them).</summary>
    internal static class Queries
    {
        /// <summary>Every column the detail shows of the month's callbacks up to as-of, in time order.</summary>
        public static IQueryable<CallbackRow> Month(ServiceInsightsDbContext db, DateTime fromUtc, DateTime toUtc) =>
            db.Callbacks.AsNoTracking()
                .Where(c => c.At >= fromUtc && c.At < toUtc)
                .OrderBy(c => c.At).ThenBy(c => c.CallbackNo)
                .Select(c => new CallbackRow
                {
                    CallbackNo = c.CallbackNo, At = c.At, Method = c.Method, TicketNo = c.TicketNo, Customer = c.Customer, ProductName = c.ProductName,
                    Model = c.Model, Reached = c.Reached, Solved = c.Solved, RunningNormally = c.RunningNormally, Satisfaction = c.Satisfaction,
                    OtherNeeds = c.OtherNeeds, Notes = c.Notes, Staff = c.Staff,
                });

        /// <summary>Every callback up to as-of by ticket and time, what decides its success: the ticket and time index's order and columns.</summary>
        public static IQueryable<CallbackAttempt> Attempts(ServiceInsightsDbContext db, DateTime asOfUtc) =>
            db.Callbacks.AsNoTracking()
                .Where(c => c.At <= asOfUtc)
                .OrderBy(c => c.TicketNo).ThenBy(c => c.At).ThenBy(c => c.CallbackNo)
                .Select(c => new CallbackAttempt { Id = c.Id, TicketNo = c.TicketNo, At = c.At, Reached = c.Reached, Satisfaction = c.Satisfaction, Solved = c.Solved });

        /// <summary>The shown columns of the callbacks with these keys: one JSON array parameter, each key one seek.</summary>
        public static IQueryable<ShownCallback> Shown(ServiceInsightsDbContext db, long[] keys) =>
            db.Callbacks.AsNoTracking()
                .Where(c => EF.Parameter(keys).Contains(c.Id))
                .Select(c => new ShownCallback { Id = c.Id, CallbackNo = c.CallbackNo, Customer = c.Customer, ProductName = c.ProductName, Model = c.Model, Staff = c.Staff });
    }

    /// <summary>A callback as the open items' pass reads it: what decides its success. Times UTC.</summary>
    internal readonly record struct CallbackAttempt
    {
        public required long Id { get; init; }
        public string? TicketNo { get; init; }
        public required DateTime At { get; init; }
        public required bool Reached { get; init; }
        public int? Satisfaction { get; init; }
        public bool? Solved { get; init; }
    }

    /// <summary>The unsuccessful callbacks of one ticket since its last successful one, as the pass folds them.</summary>
    private readonly record struct OpenRun(CallbackAttempt First, CallbackAttempt Last, int Attempts);

    internal sealed record ShownCallback
    {
        public required long Id { get; init; }
        public required string CallbackNo { get; init; }
        public string? Customer { get; init; }
        public string? ProductName { get; init; }
        public string? Model { get; init; }
        public string? Staff { get; init; }
    }

    private static IReadOnlyList<CallbackMethodCount> ByMethod(IReadOnlyList<CallbackRow> callbacks)
    {
        IEnumerable<CallbackMethod?> methods = [CallbackMethod.SmsWeekly, CallbackMethod.SmsMonthly, CallbackMethod.Phone];
        var rows = methods.Select(m => new CallbackMethodCount(m, callbacks.Count(c => c.Method == m), callbacks.Count(c => c.Method == m && c.Reached))).ToList();
        var unstated = callbacks.Where(c => c.Method is null).ToList();
        if (unstated.Count > 0)
        {
            rows.Add(new CallbackMethodCount(null, unstated.Count, unstated.Count(c => c.Reached)));
        }

        return rows;
    }

    /// <summary>The weeks (Monday–Sunday, clipped to the month) with their callbacks by method.</summary>
    internal static IReadOnlyList<CallbackWeekCount> ByWeek(ReportMonth month, IReadOnlyList<CallbackRow> callbacks)
    {
        var weeks = new List<CallbackWeekCount>();
        for (var start = month.FirstDay; start <= month.LastDay;)
        {
            var daysToSunday = ((int)DayOfWeek.Sunday - (int)start.DayOfWeek + 7) % 7;
            var sunday = start.AddDays(daysToSunday);
            var (first, last) = (start, sunday > month.LastDay ? month.LastDay : sunday);
            var inWeek = callbacks.Where(c => DateOnly.FromDateTime(c.At) is var day && day >= first && day <= last).ToList();
            weeks.Add(new CallbackWeekCount(weeks.Count + 1, first, last,
                inWeek.Count(c => c.Method == CallbackMethod.SmsWeekly), inWeek.Count(c => c.Method == CallbackMethod.SmsMonthly),
                inWeek.Count(c => c.Method == CallbackMethod.Phone), inWeek.Count(c => c.Method is null)));
            start = last.AddDays(1);
        }

        return weeks;
    }

    private static CallbackAnswers Answers(IReadOnlyList<CallbackRow> callbacks)
    {
        var reached = callbacks.Where(c => c.Reached).ToList();
        static YesNoCount YesNo(IReadOnlyCollection<bool?> answers) =>
            new(answers.Count(a => a == true), answers.Count(a => a == false), answers.Count(a => a is null));

        return new CallbackAnswers(
            reached.Count,
            YesNo([.. reached.Select(c => c.Solved)]),
            YesNo([.. reached.Select(c => c.RunningNormally)]),
            [.. Enumerable.Range(1, 5).Select(score => reached.Count(c => c.Satisfaction == score))],
            reached.Count(c => c.Satisfaction is null or < 1 or > 5),
            reached.Count(c => !string.IsNullOrWhiteSpace(c.OtherNeeds)));
    }

    /// <summary>CS-7b's verdicts grouped by the first key-product keyword the ticket's product name or model contains (the
    /// verdict's ticket snapshot holds both).</summary>
    private static IReadOnlyList<KeyProductCoverageRow> Coverage(MetricResult keyProduct, IReadOnlyList<string> keywords)
    {
        string FamilyOf(RecordVerdict verdict)
        {
            var (name, model) = verdict.Record is TicketFacts ticket ? (ticket.ProductName, ticket.Model) : (null, null);
            return keywords.FirstOrDefault(k => name?.Contains(k, StringComparison.Ordinal) == true)
                   ?? keywords.FirstOrDefault(k => model?.Contains(k, StringComparison.Ordinal) == true)
                   ?? "";
        }

        // In the setting's order; tickets whose keyword was removed since ("") last.
        var rank = keywords.Select((k, i) => (k, i)).DistinctBy(x => x.k).ToDictionary(x => x.k, x => x.i, StringComparer.Ordinal);
        return
        [
            .. keyProduct.Verdicts
                .GroupBy(FamilyOf)
                .OrderBy(g => rank.GetValueOrDefault(g.Key, int.MaxValue))
                .Select(g =>
                {
                    var met = g.Count(v => v.Verdict == Verdict.Met);
                    return new KeyProductCoverageRow(g.Key, met + g.Count(v => v.Verdict == Verdict.Missed), met, g.Count(v => v.Verdict == Verdict.Pending));
                }),
        ];
    }
}
