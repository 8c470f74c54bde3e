using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;

namespace ServiceInsights.Data.Reports.Repairs;

/// <summary>
/// Builds the repair turnaround report (CS-4): runs the metric engine once for the month (through <see cref="KpiCache"/>, shared with the dashboard) and
/// reads the month's repairs known at as-of (<see cref="AsOfWindow"/>, as the engine reads them) — by their indexed received time, with the linked ticket's customer, model, origin and staff,
/// only the columns the report shows — and the fault-cause counts (grouped in the database).
/// </summary>
public sealed class RepairTurnaroundQuery(
    IDbContextFactory<ServiceInsightsDbContext> factory, KpiCache kpi, SettingsStore settings, DepartmentClock clock)
{
    /// <param name="asOfLocal">The as-of in the department's local time; now when null.</param>
    public async Task<RepairTurnaroundReport> RunAsync(ReportMonth month, DateTime? asOfLocal = null, CancellationToken cancellationToken = default)
    {
        var engine = await kpi.GetAsync(month, asOfLocal, cancellationToken);
        var sla = await settings.GetSlaAsync(cancellationToken);
        var calendar = await settings.GetCalendarAsync(cancellationToken);
        var asOf = engine.AsOf;
        var last = DateOnly.FromDateTime(asOf) > month.LastDay ? DateOnly.FromDateTime(asOf) : month.LastDay;

        var window = AsOfWindow.Of(month, clock.ToUtc(asOf), clock);
        var (start, end, _) = window;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var repairs = await (
                from r in db.Repairs.AsNoTracking()
                where r.ReceivedAt >= start && r.ReceivedAt < end
                join t in db.Tickets.AsNoTracking() on r.TicketNo equals t.TicketNo into linked
                from t in linked.DefaultIfEmpty()
                select new
                {
                    r.RepairNo, r.TicketNo, r.ReceivedAt, r.OrderedAt, r.HandedOverAt, r.RepairedAt, r.ShippedAt, r.AgreedDueDate, r.FaultCause,
                    Customer = t == null ? null : t.Customer,
                    ProductName = t == null ? null : t.ProductName,
                    Model = t == null ? null : t.Model,
                    Origin = t == null ? null : t.Origin,
                    Staff = t == null ? null : t.Staff,
                    Vip = t != null && t.Vip == true,
                })
            .ToListAsync(cancellationToken);
        // Open items carry over: the repairs received before the month and not repaired by the as-of time.
        var asOfUtc = clock.ToUtc(asOf);
        var carried = await (
                from r in db.Repairs.AsNoTracking()
                where r.ReceivedAt < start && (r.RepairedAt == null || r.RepairedAt > asOfUtc)
                join t in db.Tickets.AsNoTracking() on r.TicketNo equals t.TicketNo into linked
                from t in linked.DefaultIfEmpty()
                select new
                {
                    r.RepairNo, r.TicketNo, r.ReceivedAt, r.AgreedDueDate,
                    Customer = t == null ? null : t.Customer,
                    Model = t == null ? null : t.Model,
                    Origin = t == null ? null : t.Origin,
                    Staff = t == null ? null : t.Staff,
                })
            .ToListAsync(cancellationToken);
        var causes = await db.Repairs.AsNoTracking()
            .Where(r => r.ReceivedAt >= start && r.ReceivedAt < end)
            .GroupBy(r => r.FaultCause ?? "")
            .Select(g => new { Cause = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var sameDay = engine["CS-4a"];
        var turnaround = engine["CS-4b"];
        var daily = engine["CS-4c"];
        var sameDayOf = sameDay.Verdicts.ToDictionary(v => v.Key, StringComparer.Ordinal);
        var turnaroundOf = turnaround.Verdicts.ToDictionary(v => v.Key, StringComparer.Ordinal);
        // CS-4c judges repair-days (their snapshot names the repair and the day).
        var daysOf = daily.Verdicts.ToLookup(v => ((RepairDayFacts)v.Record).RepairNo, StringComparer.Ordinal);

        DateTime? Known(DateTime? utc) => clock.ToLocal(window.Known(utc));
        var asOfDate = DateOnly.FromDateTime(asOf);
        var rows = repairs
            .Select(r =>
            {
                var received = clock.ToLocal(r.ReceivedAt);
                var repaired = Known(r.RepairedAt);
                var days = daysOf[r.RepairNo].Where(v => v.Verdict != Verdict.Pending).ToList();
                RecordVerdict? verdict = turnaroundOf.TryGetValue(r.RepairNo, out var v) ? v : null;
                return new RepairTurnaroundRow(
                    r.RepairNo, r.TicketNo, r.Customer, r.ProductName, r.Model, r.Origin, r.Staff, r.Vip,
                    received, Known(r.OrderedAt), Known(r.HandedOverAt), repaired, Known(r.ShippedAt), r.AgreedDueDate,
                    calendar.WorkingDaysBetween(DateOnly.FromDateTime(received), repaired is { } done ? DateOnly.FromDateTime(done) : asOfDate),
                    r.FaultCause,
                    sameDayOf.TryGetValue(r.RepairNo, out var sameDayVerdict) ? sameDayVerdict.Verdict : null, verdict?.Verdict, verdict?.Reason,
                    days.Count, days.Count(v => v.Verdict == Verdict.Met));
            })
            .OrderBy(r => r.ReceivedAt).ThenBy(r => r.RepairNo, StringComparer.Ordinal)
            .ToList();

        return new RepairTurnaroundReport(
            month, asOf, engine.CalendarComplete, calendar.UnknownYears(month.FirstDay, last), sla,
            sameDay, turnaround, daily,
            StepsOf(rows, calendar, asOf),
            ByOrigin(rows, sla),
            ByModel(rows),
            Distribution(rows),
            [
                .. OpenRows(rows, turnaroundOf, sla, calendar, asOfDate)
                    .Concat(carried.Select(r => CarriedOver(new RepairFacts
                    {
                        RepairNo = r.RepairNo, TicketNo = r.TicketNo, ReceivedAt = clock.ToLocal(r.ReceivedAt), AgreedDueDate = r.AgreedDueDate,
                        Origin = r.Origin, Staff = r.Staff, Model = r.Model,
                    }, r.Customer, new MetricContext(sla, calendar, asOf))))
                    .OrderByDescending(r => r.Overdue).ThenByDescending(r => r.DaysOver ?? int.MinValue).ThenByDescending(r => r.WorkingDaysOpen)
                    .ThenBy(r => r.RepairNo, StringComparer.Ordinal),
            ],
            StatusGaps(rows, daysOf),
            [.. causes.Select(c => new FaultCauseRow(c.Cause.Trim(), c.Count))
                .GroupBy(c => c.Cause, StringComparer.Ordinal).Select(g => new FaultCauseRow(g.Key, g.Sum(c => c.Repairs)))
                .OrderByDescending(c => c.Repairs).ThenBy(c => c.Cause, StringComparer.Ordinal)],
            rows);
    }

    /// <summary>The two steps of CS-4a against the same deadline the rule uses.</summary>
    private static RepairSameDaySteps StepsOf(IReadOnlyList<RepairTurnaroundRow> rows, WorkingCalendar calendar, DateTime asOf)
    {
        int orderEligible = 0, orderMet = 0, handOverEligible = 0, handOverMet = 0;
        foreach (var row in rows)
        {
            var deadline = calendar.SameDayDeadline(row.ReceivedAt);
            Count(row.OrderedAt, ref orderEligible, ref orderMet);
            Count(row.HandedOverAt, ref handOverEligible, ref handOverMet);

            void Count(DateTime? at, ref int eligible, ref int met)
            {
                if (at is not null || asOf > deadline)
                {
                    eligible++;
                    met += at <= deadline ? 1 : 0;
                }
            }
        }

        return new RepairSameDaySteps(orderEligible, orderMet, handOverEligible, handOverMet);
    }

    private static List<RepairOriginRow> ByOrigin(IReadOnlyList<RepairTurnaroundRow> rows, SlaSettings sla)
    {
        var origins = new Origin?[] { Origin.SelfMade, Origin.Purchased, Origin.Imported };
        var unknown = rows.Any(r => r.Origin is null) ? new Origin?[] { null } : [];
        return
        [
            .. origins.Concat(unknown).Select(origin =>
            {
                var group = rows.Where(r => r.Origin == origin).ToList();
                var (eligible, met, pending, rate) = Counts(group);
                int? target = origin switch { Origin.SelfMade => sla.RepairDaysSelfMade, Origin.Purchased => sla.RepairDaysPurchased, _ => null };
                return new RepairOriginRow(origin, target, group.Count, eligible, met, pending, rate, Median(group));
            }),
        ];
    }

    private static List<RepairModelRow> ByModel(IReadOnlyList<RepairTurnaroundRow> rows) =>
    [
        .. rows.GroupBy(r => r.Model?.Trim() ?? "", StringComparer.Ordinal)
            .Select(g =>
            {
                var (eligible, met, pending, rate) = Counts([.. g]);
                return new RepairModelRow(g.Key, g.Count(), eligible, met, pending, rate, Median([.. g]));
            })
            .OrderByDescending(r => r.Repairs).ThenBy(r => r.Model, StringComparer.Ordinal),
    ];

    /// <summary>CS-4b counts of a group of repairs, from the engine's verdicts on them.</summary>
    private static (int Eligible, int Met, int Pending, double? Rate) Counts(IReadOnlyList<RepairTurnaroundRow> group)
    {
        var met = group.Count(r => r.Turnaround == Verdict.Met);
        var eligible = met + group.Count(r => r.Turnaround == Verdict.Missed);
        return (eligible, met, group.Count(r => r.Turnaround == Verdict.Pending), eligible == 0 ? null : (double)met / eligible);
    }

    private static double? Median(IReadOnlyList<RepairTurnaroundRow> group) =>
        Median([.. group.Where(r => r.RepairedAt is not null).Select(r => r.WorkingDays).Order()]);

    /// <summary>The middle value of a sorted list (the mean of the two middle ones for an even count).</summary>
    internal static double? Median(IReadOnlyList<int> sorted) =>
        sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2.0;

    /// <summary>Buckets of the histogram: each day 0–10, then 11–15, 16–20 and 21 or more.</summary>
    private static readonly (int From, int? To)[] Buckets =
        [.. Enumerable.Range(0, 11).Select(d => (d, (int?)d)), (11, 15), (16, 20), (21, null)];

    private static RepairDaysDistribution Distribution(IReadOnlyList<RepairTurnaroundRow> rows)
    {
        var days = rows.Where(r => r.RepairedAt is not null).Select(r => r.WorkingDays).Order().ToList();
        // 90th percentile by nearest rank: the smallest value with at least 90 % of the repairs at or below it.
        int? p90 = days.Count == 0 ? null : days[(int)Math.Ceiling(0.9 * days.Count) - 1];
        return new RepairDaysDistribution(days.Count, Median(days), p90, days.Count == 0 ? null : days[^1],
            [.. Buckets.Select(b => new RepairDaysBucket(b.From, b.To, days.Count(d => d >= b.From && (b.To is not { } to || d <= to))))]);
    }

    /// <summary>The month's repairs open at the as-of time, with CS-4b's verdict (missed: overdue) and the days over.</summary>
    private static IEnumerable<RepairOpenRow> OpenRows(IReadOnlyList<RepairTurnaroundRow> rows, IReadOnlyDictionary<string, RecordVerdict> verdicts,
        SlaSettings sla, WorkingCalendar calendar, DateOnly asOfDate) =>
        rows.Where(r => r.RepairedAt is null).Select(r =>
        {
            var verdict = verdicts.TryGetValue(r.RepairNo, out var v) ? v : (RecordVerdict?)null;
            var overdue = verdict?.Verdict == Verdict.Missed;
            return new RepairOpenRow(r.RepairNo, r.TicketNo, r.Customer, r.Model, r.Staff, r.Origin, r.ReceivedAt, r.WorkingDays,
                TargetOf(r.Origin, sla), r.AgreedDueDate, DaysOver(r.Origin, r.WorkingDays, r.AgreedDueDate, sla, calendar, asOfDate), overdue,
                verdict?.Reason ?? OriginUnknown);
        });

    /// <summary>A repair of an earlier month still open: CS-4b judged on it as of the same time (the engine's month run holds
    /// only the month's repairs).</summary>
    private static RepairOpenRow CarriedOver(RepairFacts repair, string? customer, MetricContext context)
    {
        var evaluation = MetricCatalog.Find("CS-4b") is MetricDefinition<RepairFacts> rule ? rule.Evaluate(in repair, context)
            : throw new InvalidOperationException("CS-4b judges repairs.");
        var days = context.Calendar.WorkingDaysBetween(DateOnly.FromDateTime(repair.ReceivedAt), context.AsOfDate);
        return new RepairOpenRow(repair.RepairNo, repair.TicketNo, customer, repair.Model, repair.Staff, repair.Origin, repair.ReceivedAt, days,
            TargetOf(repair.Origin, context.Settings), repair.AgreedDueDate,
            DaysOver(repair.Origin, days, repair.AgreedDueDate, context.Settings, context.Calendar, context.AsOfDate),
            evaluation.Verdict == Verdict.Missed, evaluation.Reason);
    }

    private static readonly BilingualText OriginUnknown = new("产品来源未知（无关联工单或未填）", "origin unknown (no linked ticket, or not recorded)");

    private static int? TargetOf(Origin? origin, SlaSettings sla) =>
        origin switch { Origin.SelfMade => sla.RepairDaysSelfMade, Origin.Purchased => sla.RepairDaysPurchased, _ => null };

    /// <summary>Working days past the target or the agreed date (0 while within it); null when no target applies.</summary>
    private static int? DaysOver(Origin? origin, int workingDays, DateOnly? agreed, SlaSettings sla, WorkingCalendar calendar, DateOnly asOfDate) =>
        TargetOf(origin, sla) is { } target ? Math.Max(0, workingDays - target)
        : origin == Origin.Imported && agreed is { } due ? calendar.WorkingDaysLate(due, asOfDate)
        : null;

    private static List<RepairStatusGapRow> StatusGaps(IReadOnlyList<RepairTurnaroundRow> rows, ILookup<string, RecordVerdict> daysOf) =>
    [
        .. rows.Where(r => r.StatusDaysConfirmed < r.StatusDays)
            .Select(r => new RepairStatusGapRow(r.RepairNo, r.Model, r.Staff, r.RepairedAt is null, r.StatusDays, r.StatusDaysConfirmed,
                [.. daysOf[r.RepairNo].Where(v => v.Verdict == Verdict.Missed).Select(v => ((RepairDayFacts)v.Record).Day)
                    .Order()]))
            .OrderByDescending(r => r.Days - r.Confirmed).ThenBy(r => r.RepairNo, StringComparer.Ordinal),
    ];
}
