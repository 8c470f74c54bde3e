using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;

namespace ServiceInsights.Data.Reports.Complaints;

/// <summary>
/// Builds the monthly complaint summary (CP-2f): the month's complaints by their indexed received time, the complaints of
/// the previous N days (setting) that can make one a repeat, the linked tickets' models, and one run of the metric engine
/// for every rule figure; all as known at as-of (<see cref="AsOfWindow"/>, as the engine reads them). The class is <see cref="ComplaintClassifier"/>'s, the rule the engine uses for CP-1.
/// </summary>
public sealed class ComplaintSummaryQuery(IDbContextFactory<ServiceInsightsDbContext> factory, KpiCache kpi, SettingsStore settings,
    DepartmentClock clock, FollowUpService followUps)
{
    /// <param name="asOfLocal">The as-of in the department's local time; now when null.</param>
    public async Task<ComplaintSummary> RunAsync(ReportMonth month, DateTime? asOfLocal = null, CancellationToken cancellationToken = default)
    {
        var sla = await settings.GetSlaAsync(cancellationToken);
        var engine = await kpi.GetAsync(month, asOfLocal, cancellationToken);
        var asOf = engine.AsOf;
        var window = AsOfWindow.Of(month, clock.ToUtc(asOf), clock);
        var (from, to, _) = window;

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var complaints = await db.Complaints.AsNoTracking()
            .Where(c => c.ReceivedAt >= from && c.ReceivedAt < to)
            .OrderBy(c => c.ReceivedAt).ThenBy(c => c.ComplaintNo)
            .ToListAsync(cancellationToken);
        // Open items carry over: every complaint received before the month and not closed by the as-of time.
        var asOfUtc = clock.ToUtc(asOf);
        var carried = await db.Complaints.AsNoTracking()
            .Where(c => c.ReceivedAt < from && (c.ClosedAt == null || c.ClosedAt > asOfUtc))
            .OrderBy(c => c.ReceivedAt).ThenBy(c => c.ComplaintNo)
            .ToListAsync(cancellationToken);
        // CP-1: an earlier complaint by the same customer within N days makes a repeat; only these three columns are needed.
        var earliestPrior = (carried.Count > 0 ? carried[0].ReceivedAt : from).AddDays(-sla.RepeatComplaintDays);
        var earlier = (await db.Complaints.AsNoTracking()
                .Where(c => c.ReceivedAt >= earliestPrior && c.ReceivedAt < to)
                .Select(c => new { c.ComplaintNo, c.Customer, c.ReceivedAt })
                .ToListAsync(cancellationToken))
            .Select(c => new PriorComplaint(c.ComplaintNo, c.Customer, clock.ToLocal(c.ReceivedAt)))
            .ToList();
        // A complaint without its own model takes the linked ticket's, as the engine does.
        var ticketNos = complaints.Concat(carried).Where(c => string.IsNullOrWhiteSpace(c.Model) && c.TicketNo is not null).Select(c => c.TicketNo!).Distinct().ToList();
        var ticketModels = new Dictionary<string, (string? ProductName, string? Model)>(StringComparer.Ordinal);
        foreach (var chunk in ticketNos.Chunk(500))
        {
            foreach (var t in await db.Tickets.AsNoTracking().Where(t => chunk.Contains(t.TicketNo))
                         .Select(t => new { t.TicketNo, t.ProductName, t.Model }).ToListAsync(cancellationToken))
            {
                ticketModels[t.TicketNo] = (t.ProductName, t.Model);
            }
        }

        var capa = engine["CP-2d"].Verdicts.ToDictionary(v => v.Key, StringComparer.Ordinal);
        // 已验证 is the CAPA item's verification by the as-of time (the items are derived after each import and on a timer, decision 034).
        var verified = await followUps.VerifiedCapaAsync([.. complaints.Where(c => c.ClosedAt <= asOfUtc).Select(c => c.ComplaintNo)], asOfUtc, cancellationToken);
        var items = await followUps.CarriedAsync([FollowUpSource.OverdueComplaint, FollowUpSource.ComplaintCapa, FollowUpSource.Manual],
            RecordKind.Complaints, asOfUtc, cancellationToken);
        var rows = complaints.Select(c => ToRow(c, earlier, sla, window, asOf, capa.TryGetValue(c.ComplaintNo, out var v) ? v : null,
            c.TicketNo is not null ? ticketModels.GetValueOrDefault(c.TicketNo) : default) with { CapaVerified = verified.Contains(c.ComplaintNo) }).ToList();
        // This month's engine run judges only this month's complaints: an earlier one carries no CP-2d verdict (open anyway).
        var carriedRows = carried.Select(c => ToRow(c, earlier, sla, window, asOf, null,
            c.TicketNo is not null ? ticketModels.GetValueOrDefault(c.TicketNo) : default)).ToList();

        return new ComplaintSummary(
            month,
            asOf,
            engine.CalendarComplete,
            sla,
            [.. new[] { 1, 2, 3 }.Select(level => new ComplaintClassCount(level, rows.Count(r => r.Class.Level == level)))],
            Count(rows, r => r.Product),
            Count(rows, r => r.RootCause),
            [
                .. new ComplaintSource?[] { ComplaintSource.Customer, ComplaintSource.SalesRelay, null }
                    .Select(s => new ComplaintSourceCount(s, rows.Count(r => r.Source == s)))
                    .Where(s => s.Source is not null || s.Count > 0),
            ],
            new ComplaintRules(engine["CS-8b"], engine["CP-1"], engine["CP-2a"], engine["CP-2b"], engine["CP-2c"], engine["CP-2d"], engine["CP-2e"]),
            [.. rows.Concat(carriedRows).Where(r => !r.IsClosed).OrderByDescending(r => r.AgeDays).ThenBy(r => r.ComplaintNo, StringComparer.Ordinal)],
            [.. rows.Where(r => r.Class.Level == 3)],
            rows)
        {
            FollowUps = items,
        };
    }

    private ComplaintRow ToRow(Complaint c, IReadOnlyList<PriorComplaint> earlier, SlaSettings sla, AsOfWindow window, DateTime asOf,
        RecordVerdict? capa, (string? ProductName, string? Model) ticket)
    {
        // Events after as-of are not known yet; the promised-by time is planned, so it is.
        DateTime? Known(DateTime? utc) => clock.ToLocal(window.Known(utc));
        var receivedAt = clock.ToLocal(c.ReceivedAt);
        var closedAt = Known(c.ClosedAt);
        var model = string.IsNullOrWhiteSpace(c.Model) ? ticket.Model : c.Model;
        var productName = string.IsNullOrWhiteSpace(c.ProductName) && string.IsNullOrWhiteSpace(c.Model) ? ticket.ProductName : c.ProductName;
        var facts = new ComplaintFacts
        {
            ComplaintNo = c.ComplaintNo,
            Customer = c.Customer,
            ReceivedAt = receivedAt,
            ThreatensExternal = c.ThreatensExternal,
            Media = c.Media,
            Earlier = earlier,
        };
        var ageEnd = DateOnly.FromDateTime(closedAt ?? asOf);
        return new ComplaintRow(c.ComplaintNo, receivedAt, c.TicketNo, c.Customer, productName, model, c.Source, c.SalesPerson,
            Known(c.SalesFeedbackAt), ComplaintClassifier.Classify(facts, sla.RepeatComplaintDays), c.Description,
            clock.ToLocal(c.PromisedBy), c.Measures, Known(c.ManagerInformedAt), Known(c.LeaderInformedAt),
            Known(c.ResultNotifiedAt), c.Satisfaction, c.RootCause, c.CorrectiveAction, c.PreventiveAction, c.Responsible,
            closedAt, c.CaseStudyWritten, c.Staff, Math.Max(0, ageEnd.DayNumber - DateOnly.FromDateTime(receivedAt).DayNumber), capa)
        {
            DaysPastPromise = closedAt is null && clock.ToLocal(c.PromisedBy) is { } promised
                ? promised < asOf ? (int)Math.Ceiling((asOf - promised).TotalDays) : 0
                : null,
        };
    }

    /// <summary>Counts by a text (trimmed; blank → ""), largest first.</summary>
    private static IReadOnlyList<ComplaintGroupCount> Count(IEnumerable<ComplaintRow> rows, Func<ComplaintRow, string?> key) =>
    [
        .. rows.GroupBy(r => key(r)?.Trim() ?? "")
            .Select(g => new ComplaintGroupCount(g.Key, g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Group, StringComparer.Ordinal),
    ];
}
