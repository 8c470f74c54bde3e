using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;

namespace ServiceInsights.Data.Worklist;

/// <summary>
/// The callback worklist: for each callback duty (<see cref="CallbackDuty"/>), the engine's verdict on every ticket resolved
/// and visit completed in the duty's window — pending: on the list; missed within <see cref="SlaSettings.WorklistOverdueDays"/>
/// of its due time and not done late: on the list as overdue; met: off the list. The records are loaded by the KPI loader
/// (<see cref="MetricQuery.LoadCallbackDutiesAsync"/>) and judged by the rule objects of <see cref="MetricCatalog"/>, so the
/// list's open items are exactly the KPI's pending verdicts.
/// </summary>
public sealed class CallbackWorklistQuery(MetricQuery metrics, SettingsStore settings, DepartmentClock clock, IDbContextFactory<ServiceInsightsDbContext> factory)
{
    /// <param name="asOfLocal">The as-of in the department's local time; now when null.</param>
    public async Task<CallbackWorklist> RunAsync(WorklistFilter filter, DateTime? asOfLocal = null, CancellationToken cancellationToken = default)
    {
        var asOf = asOfLocal ?? clock.LocalNow;
        var sla = await settings.GetSlaAsync(cancellationToken);
        var calendar = await settings.GetCalendarAsync(cancellationToken);
        var context = new MetricContext(sla, calendar, asOf);
        var shell = new CallbackWorklist(asOf, filter, sla.WorklistOverdueDays, [], []);
        var weekStart = shell.WeekStart.ToDateTime(TimeOnly.MinValue);
        var atWeekStart = context with { AsOf = weekStart };

        // How far back a duty's anchor may lie and still be open, overdue, or done this week.
        DateTime From(IEnumerable<CallbackDuty> duties)
        {
            var days = duties.Select(d => d.Days(sla)).DefaultIfEmpty(0).Max();
            var earliest = asOf.AddDays(-(days + sla.WorklistOverdueDays));
            return clock.ToUtc(earliest < weekStart.AddDays(-days) ? earliest : weekStart.AddDays(-days));
        }

        var ticketDuties = CallbackDuty.All.Where(d => d.Definition is MetricDefinition<TicketFacts>).ToList();
        var visitDuties = CallbackDuty.All.Where(d => d.Definition is MetricDefinition<VisitFacts>).ToList();
        var staff = string.IsNullOrWhiteSpace(filter.Staff) ? null : filter.Staff.Trim();
        var inputs = await metrics.LoadCallbackDutiesAsync(From(ticketDuties), From(visitDuties), clock.ToUtc(asOf), staff, cancellationToken);

        var items = new List<WorklistItem>();
        var done = new Dictionary<string, int>(StringComparer.Ordinal);
        // weekAgo judges the record again at Monday 00:00; only a duty met now needs it (done this week or before).
        void Judge(CallbackDuty duty, Evaluation now, Func<Verdict> weekAgo, DateTime? anchorTime, IReadOnlyList<LinkedCallback> callbacks, string? ticketNo,
            string? dispatchNo, string? owner)
        {
            if (now.Verdict == Verdict.Met)
            {
                if (weekAgo() != Verdict.Met)
                {
                    done[owner ?? ""] = done.GetValueOrDefault(owner ?? "") + 1;
                }

                return;
            }

            if (now.Verdict is not (Verdict.Pending or Verdict.Missed) || anchorTime is not { } anchor)
            {
                return;
            }

            var due = duty.Due(anchor, sla);
            var overdue = now.Verdict == Verdict.Missed;
            if (overdue && (asOf > due.AddDays(sla.WorklistOverdueDays) || duty.DoneLate(callbacks, anchor, asOf)))
            {
                return;
            }

            items.Add(new WorklistItem(duty.Rule, duty.Channel, ticketNo, dispatchNo, owner, null, anchor, due, CallbackDuty.CallBy(anchor, due, calendar), overdue,
                duty.Attempts(callbacks, anchor, asOf), now.Reason));
        }

        foreach (var duty in ticketDuties)
        {
            var rule = (MetricDefinition<TicketFacts>)duty.Definition;
            foreach (var t in inputs.Tickets)
            {
                Judge(duty, rule.Evaluate(in t, context), () => rule.Evaluate(t with { Callbacks = KnownAt(t.Callbacks, weekStart) }, atWeekStart).Verdict, t.ResolvedAt, t.Callbacks, t.TicketNo, null, t.Staff);
            }
        }

        foreach (var duty in visitDuties)
        {
            var rule = (MetricDefinition<VisitFacts>)duty.Definition;
            foreach (var v in inputs.Visits)
            {
                var owner = v.TicketNo is { } no ? inputs.VisitTicketStaff.GetValueOrDefault(no) : null;
                Judge(duty, rule.Evaluate(in v, context), () => rule.Evaluate(v with { Callbacks = KnownAt(v.Callbacks, weekStart) }, atWeekStart).Verdict, v.CompletedAt, v.Callbacks, v.TicketNo, v.DispatchNo, owner);
            }
        }

        // One item per rule and ticket: two open visits on one ticket are one OS-2d call, the earlier due.
        var open = items.GroupBy(i => (i.Rule, Key: i.TicketNo ?? i.DispatchNo)).Select(g => g.MinBy(i => i.Due)!).ToList();
        var counts = open.GroupBy(i => i.Staff ?? "").Select(g => g.Key).Union(done.Keys).Order(StringComparer.Ordinal)
            .Select(s => new WorklistStaffCount(s,
                open.Count(i => (i.Staff ?? "") == s && !i.Overdue && i.CallBy <= shell.WeekEnd),
                open.Count(i => (i.Staff ?? "") == s && i.Overdue),
                done.GetValueOrDefault(s)))
            .ToList();

        var today = shell.Today;
        var shown = open
            .Where(i => CallbackDuty.Find(filter.Rule) is not { } only || i.Rule == only.Rule)
            .Where(i => filter.Window switch
            {
                WorklistWindow.Week => i.Overdue || i.CallBy <= shell.WeekEnd,
                WorklistWindow.Today => i.Overdue || i.CallBy <= today,
                WorklistWindow.Overdue => i.Overdue,
                _ => true,
            })
            .OrderBy(i => i.CallBy).ThenBy(i => i.Due).ThenBy(i => i.TicketNo, StringComparer.Ordinal).ThenBy(i => i.Rule, StringComparer.Ordinal)
            .ToList();
        var tickets = await TicketsAsync(shown.Select(i => i.TicketNo).OfType<string>(), cancellationToken);
        return shell with
        {
            Items = [.. shown.Select(i => i with { Ticket = i.TicketNo is { } no ? tickets.GetValueOrDefault(no) : null })],
            Counts = counts,
        };
    }

    /// <summary>Who to call about what, for the tickets shown (one JSON array parameter, each number one index seek).</summary>
    private async Task<Dictionary<string, WorklistTicket>> TicketsAsync(IEnumerable<string> numbers, CancellationToken cancellationToken)
    {
        var list = numbers.Distinct(StringComparer.Ordinal).ToArray();
        if (list.Length == 0)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Tickets.AsNoTracking().Where(t => EF.Parameter(list).Contains(t.TicketNo))
            .Select(t => new WorklistTicket(t.TicketNo, t.Customer, t.Contact, t.Phone, t.ProductName, t.Model))
            .ToDictionaryAsync(t => t.TicketNo, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>The callbacks made by <paramref name="localTime"/>: the rules leave what is known at as-of to the loader
    /// (decision 023), so judging a record again at the week's start needs its later callbacks taken away.</summary>
    private static IReadOnlyList<LinkedCallback> KnownAt(IReadOnlyList<LinkedCallback> callbacks, DateTime localTime) =>
        [.. callbacks.Where(c => c.At <= localTime)];
}
