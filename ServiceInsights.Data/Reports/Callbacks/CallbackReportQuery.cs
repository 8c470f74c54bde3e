using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;

namespace ServiceInsights.Data.Reports.Callbacks;

/// <summary>
/// Builds the monthly callback report (CS-7d): one projection of the month's callbacks up to as-of (<see cref="AsOfWindow"/>,
/// as the engine reads them) by their indexed time and one run of the metric engine for every rule figure (CS-7b's ticket
/// snapshots carry the product names its families are read from).
/// </summary>
public sealed class CallbackReportQuery(IDbContextFactory<ServiceInsightsDbContext> factory, KpiCache kpi, SettingsStore settings,
    DepartmentClock clock, FollowUpService followUps)
{
    /// <summary>A satisfaction score at or below this puts the customer on the action list.</summary>
    public const int UnsatisfiedAtMost = 2;

    /// <param name="asOfLocal">The as-of in the department's local time; now when null.</param>
    public async Task<CallbackReport> RunAsync(ReportMonth month, DateTime? asOfLocal = null, CancellationToken cancellationToken = default)
    {
        var sla = await settings.GetSlaAsync(cancellationToken);
        var engine = await kpi.GetAsync(month, asOfLocal, cancellationToken);
        var (from, to, _) = AsOfWindow.Of(month, clock.ToUtc(engine.AsOf), clock);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // Every column the detail shows, nothing more, read by position (RowReader: on SQLite straight from its UTF-8, one
        // string per staff name and model); the month's callbacks are few enough (tens of thousands on the 1M-ticket bench)
        // that the counts below are taken from these rows rather than from extra GROUP BY round trips.
        var query = db.Callbacks.AsNoTracking()
            .Where(c => c.At >= from && c.At < to)
            .OrderBy(c => c.At).ThenBy(c => c.CallbackNo)
            .Select(c => new CallbackRow(c.CallbackNo, c.At, c.Method, c.TicketNo, c.Customer, c.ProductName, c.Model, c.Reached, c.Solved,
                c.RunningNormally, c.Satisfaction, c.OtherNeeds, c.Notes, c.Staff));
        var callbacks = await RowReader.ReadAsync(db, query, r => new CallbackRow(
            r.Text(0), clock.ToLocal(r.Utc(1)), r.EnumOrNull<CallbackMethod>(2), r.TextOrNull(3), r.TextOrNull(4), r.Name(5), r.Name(6), r.Bool(7),
            r.BoolOrNull(8), r.BoolOrNull(9), r.IntOrNull(10), r.TextOrNull(11), r.TextOrNull(12), r.Name(13)), cancellationToken);

        var keyProduct = engine["CS-7b"];
        var open = await OpenAsync(db, to, clock.ToUtc(engine.AsOf), cancellationToken);
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
    /// The open callbacks (<see cref="CallbackReport.Open"/>): the unsuccessful callbacks made before the month's end and by
    /// the as-of, then every callback about their tickets up to the as-of, read in chunks of tickets.
    /// </summary>
    private async Task<IReadOnlyList<CallbackOpenRow>> OpenAsync(ServiceInsightsDbContext db, DateTime monthEndUtc, DateTime asOfUtc, CancellationToken cancellationToken)
    {
        var until = monthEndUtc < asOfUtc ? monthEndUtc : asOfUtc;
        var failed = db.Callbacks.AsNoTracking()
            .Where(c => c.At < until && (!c.Reached || c.Satisfaction <= UnsatisfiedAtMost || c.Solved == false));
        // A failed callback without a ticket stands alone; one with a ticket is judged with every callback about the ticket
        // up to the as-of, all read in one query (the failed tickets as a sub-query, not chunks of keys sent back).
        var failedTickets = failed.Where(c => c.TicketNo != null).Select(c => c.TicketNo);
        var alone = await failed.Where(c => c.TicketNo == null)
            .Select(c => new OpenCandidate(c.CallbackNo, c.TicketNo, c.At, c.Reached, c.Satisfaction, c.Solved, c.Customer, c.ProductName, c.Model, c.Staff))
            .ToListAsync(cancellationToken);
        var linked = await db.Callbacks.AsNoTracking()
            .Where(c => c.TicketNo != null && c.At <= asOfUtc && failedTickets.Contains(c.TicketNo))
            .Select(c => new OpenCandidate(c.CallbackNo, c.TicketNo, c.At, c.Reached, c.Satisfaction, c.Solved, c.Customer, c.ProductName, c.Model, c.Staff))
            .ToListAsync(cancellationToken);
        var attempts = alone.Select(c => (Key: c.CallbackNo, Callback: c)).Concat(linked.Select(c => (Key: c.TicketNo!, Callback: c)));

        return
        [
            .. attempts.GroupBy(a => a.Key, StringComparer.Ordinal)
                .Select(g => g.Select(a => a.Callback).OrderBy(c => c.At).ThenBy(c => c.CallbackNo, StringComparer.Ordinal).ToList())
                .Select(calls => calls[(calls.FindLastIndex(c => Successful(c.Reached, c.Satisfaction, c.Solved)) + 1)..])
                .Where(since => since.Count > 0 && since[0].At < until)
                .Select(since =>
                {
                    var (first, last) = (since[0], since[^1]);
                    return new CallbackOpenRow(last.TicketNo, last.CallbackNo, last.Customer ?? first.Customer,
                        ReportText.Product(last.ProductName, last.Model), clock.ToLocal(first.At), clock.ToLocal(last.At), since.Count, last.Reached,
                        last.Satisfaction, last.Solved, last.Staff);
                })
                .OrderBy(r => r.FirstAt).ThenBy(r => r.LastCallbackNo, StringComparer.Ordinal),
        ];
    }

    private sealed record OpenCandidate(string CallbackNo, string? TicketNo, DateTime At, bool Reached, int? Satisfaction, bool? Solved,
        string? Customer, string? ProductName, string? Model, string? Staff);

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
