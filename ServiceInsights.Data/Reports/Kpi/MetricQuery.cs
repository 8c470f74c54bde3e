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
}

/// <summary>
/// Loads what a month's KPIs need — the month's records by their indexed anchor time, the records linked to them by ticket
/// or repair number, and the complaints of the previous N days (CP-1) — builds the snapshots with local times and evaluates
/// every rule (<see cref="MetricCatalog"/>). Never reads a whole table.
/// </summary>
public sealed class MetricQuery(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    // SQL Server allows 2100 parameters; EF Core 10 may send a list as one parameter each.
    private const int ChunkSize = 500;

    public async Task<KpiReport> RunAsync(ReportMonth month, DateTime asOfUtc, SlaSettings settings, WorkingCalendar calendar,
        CancellationToken cancellationToken = default)
    {
        var asOf = clock.ToLocal(asOfUtc);
        var inputs = await LoadAsync(month, settings, cancellationToken);
        var context = new MetricContext(settings, calendar, asOf);
        var last = DateOnly.FromDateTime(asOf) > month.LastDay ? DateOnly.FromDateTime(asOf) : month.LastDay;
        return new KpiReport(month, asOf, calendar.UnknownYears(month.FirstDay, last).Count == 0, MetricCatalog.Evaluate(inputs, context));
    }

    /// <summary>The month's records as snapshots (local times), with their linked records.</summary>
    public async Task<MetricInputs> LoadAsync(ReportMonth month, SlaSettings settings, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (from, to) = clock.UtcRange(month);

        var tickets = await db.Tickets.AsNoTracking().Where(t => t.ReceivedAt >= from && t.ReceivedAt < to).ToListAsync(cancellationToken);
        var repairs = await db.Repairs.AsNoTracking().Where(r => r.ReceivedAt >= from && r.ReceivedAt < to).ToListAsync(cancellationToken);
        var visits = await db.SiteVisits.AsNoTracking().Where(v => v.OrderedAt >= from && v.OrderedAt < to).ToListAsync(cancellationToken);
        var callbacks = await db.Callbacks.AsNoTracking().Where(c => c.At >= from && c.At < to).ToListAsync(cancellationToken);
        var quotes = await db.Quotes.AsNoTracking().Where(q => q.QuotedAt >= from && q.QuotedAt < to).ToListAsync(cancellationToken);
        // CP-1: a complaint of the month is a repeat when the same customer complained in the previous N days.
        var complaintsFrom = from.AddDays(-settings.RepeatComplaintDays);
        var complaints = await db.Complaints.AsNoTracking().Where(c => c.ReceivedAt >= complaintsFrom && c.ReceivedAt < to).ToListAsync(cancellationToken);

        // Tickets linked from the month's other records (origin, service type, staff, model, VIP), beyond the month's own.
        var own = tickets.Select(t => t.TicketNo).ToHashSet(StringComparer.Ordinal);
        var linkedNos = repairs.Select(r => r.TicketNo).Concat(visits.Select(v => v.TicketNo)).Concat(callbacks.Select(c => c.TicketNo))
            .Concat(complaints.Select(c => c.TicketNo)).Concat(quotes.Select(q => q.TicketNo))
            .OfType<string>().Where(no => !own.Contains(no));
        var linkedTickets = await InChunksAsync(linkedNos, chunk => db.Tickets.AsNoTracking().Where(t => chunk.Contains(t.TicketNo)), cancellationToken);
        var ticketByNo = tickets.Concat(linkedTickets).ToDictionary(t => t.TicketNo, StringComparer.Ordinal);

        // Callbacks linked to the month's tickets (CS-3d, CS-7a, CS-7b) and visits (OS-2d), whenever they were made.
        var callbackTicketNos = tickets.Select(t => t.TicketNo).Concat(visits.Select(v => v.TicketNo).OfType<string>());
        var linkedCallbacks = (await InChunksAsync(callbackTicketNos,
                chunk => db.Callbacks.AsNoTracking().Where(c => c.TicketNo != null && chunk.Contains(c.TicketNo))
                    .Select(c => new { c.TicketNo, c.CallbackNo, c.At, c.Method, c.Reached }), cancellationToken))
            .ToLookup(c => c.TicketNo!, c => new LinkedCallback(c.CallbackNo, clock.ToLocal(c.At), c.Method, c.Reached), StringComparer.Ordinal);

        var updates = (await InChunksAsync(repairs.Select(r => r.RepairNo),
                chunk => db.RepairUpdates.AsNoTracking().Where(u => chunk.Contains(u.RepairNo)).Select(u => new { u.RepairNo, u.At }), cancellationToken))
            .ToLookup(u => u.RepairNo, u => clock.ToLocal(u.At), StringComparer.Ordinal);

        Ticket? TicketOf(string? no) => no is not null ? ticketByNo.GetValueOrDefault(no) : null;
        IReadOnlyList<LinkedCallback> CallbacksOf(string? no) => no is not null ? [.. linkedCallbacks[no]] : [];

        var earlier = complaints.Select(c => new PriorComplaint(c.ComplaintNo, c.Customer, clock.ToLocal(c.ReceivedAt))).ToList();
        return new MetricInputs(
            [.. tickets.Select(t => ToFacts(t, CallbacksOf(t.TicketNo)))],
            [.. repairs.Select(r => ToFacts(r, TicketOf(r.TicketNo), [.. updates[r.RepairNo]]))],
            [.. visits.Select(v => ToFacts(v, TicketOf(v.TicketNo), CallbacksOf(v.TicketNo)))],
            [.. callbacks.Select(c => ToFacts(c, TicketOf(c.TicketNo)))],
            [.. complaints.Where(c => c.ReceivedAt >= from).Select(c => ToFacts(c, TicketOf(c.TicketNo), earlier))],
            [.. quotes.Select(q => ToFacts(q, TicketOf(q.TicketNo)))]);
    }

    private TicketFacts ToFacts(Ticket t, IReadOnlyList<LinkedCallback> callbacks) => new()
    {
        TicketNo = t.TicketNo,
        ReceivedAt = clock.ToLocal(t.ReceivedAt),
        Vip = t.Vip == true,
        Customer = t.Customer,
        Address = t.Address,
        Contact = t.Contact,
        Phone = t.Phone,
        ProductName = t.ProductName,
        Model = t.Model,
        SerialNo = t.SerialNo,
        PurchaseDate = t.PurchaseDate,
        Origin = t.Origin,
        ServiceType = t.ServiceType,
        Problem = t.Problem,
        Solution = t.Solution,
        Notes = t.Notes,
        Staff = t.Staff,
        SmsConfirmedAt = clock.ToLocal(t.SmsConfirmedAt),
        FirstResponseAt = clock.ToLocal(t.FirstResponseAt),
        PromisedBy = clock.ToLocal(t.PromisedBy),
        SatisfactoryReplyAt = clock.ToLocal(t.SatisfactoryReplyAt),
        ResolvedAt = clock.ToLocal(t.ResolvedAt),
        Callbacks = callbacks,
    };

    private RepairFacts ToFacts(Repair r, Ticket? ticket, IReadOnlyList<DateTime> updates) => new()
    {
        RepairNo = r.RepairNo,
        TicketNo = r.TicketNo,
        ReceivedAt = clock.ToLocal(r.ReceivedAt),
        OrderedAt = clock.ToLocal(r.OrderedAt),
        HandedOverAt = clock.ToLocal(r.HandedOverAt),
        RepairedAt = clock.ToLocal(r.RepairedAt),
        AgreedDueDate = r.AgreedDueDate,
        Origin = ticket?.Origin,
        Staff = ticket?.Staff,
        Model = ticket?.Model,
        Vip = ticket?.Vip == true,
        StatusUpdates = updates,
    };

    private VisitFacts ToFacts(SiteVisit v, Ticket? ticket, IReadOnlyList<LinkedCallback> callbacks) => new()
    {
        DispatchNo = v.DispatchNo,
        TicketNo = v.TicketNo,
        Source = v.Source,
        OrderedAt = clock.ToLocal(v.OrderedAt),
        DirectorSignedAt = clock.ToLocal(v.DirectorSignedAt),
        AppointmentAt = clock.ToLocal(v.AppointmentAt),
        RescheduledWithNotice = v.RescheduledWithNotice,
        ArrivedAt = clock.ToLocal(v.ArrivedAt),
        CompletedAt = clock.ToLocal(v.CompletedAt),
        FormFiled = v.FormFiled,
        SurveyScore = v.SurveyScore,
        Engineer = v.Engineer,
        TicketServiceType = ticket?.ServiceType,
        Model = ticket?.Model,
        Vip = ticket?.Vip == true,
        Callbacks = callbacks,
    };

    private CallbackFacts ToFacts(Callback c, Ticket? ticket) => new()
    {
        CallbackNo = c.CallbackNo,
        TicketNo = c.TicketNo,
        At = clock.ToLocal(c.At),
        Method = c.Method,
        Reached = c.Reached,
        Solved = c.Solved,
        RunningNormally = c.RunningNormally,
        Satisfaction = c.Satisfaction,
        Staff = c.Staff,
        Model = c.Model ?? ticket?.Model,
        Vip = ticket?.Vip == true,
    };

    private ComplaintFacts ToFacts(Complaint c, Ticket? ticket, IReadOnlyList<PriorComplaint> earlier) => new()
    {
        ComplaintNo = c.ComplaintNo,
        TicketNo = c.TicketNo,
        Customer = c.Customer,
        ReceivedAt = clock.ToLocal(c.ReceivedAt),
        Source = c.Source,
        SalesFeedbackAt = clock.ToLocal(c.SalesFeedbackAt),
        ThreatensExternal = c.ThreatensExternal,
        Media = c.Media,
        PromisedBy = clock.ToLocal(c.PromisedBy),
        Measures = c.Measures,
        ManagerInformedAt = clock.ToLocal(c.ManagerInformedAt),
        LeaderInformedAt = clock.ToLocal(c.LeaderInformedAt),
        ResultNotifiedAt = clock.ToLocal(c.ResultNotifiedAt),
        Satisfaction = c.Satisfaction,
        RootCause = c.RootCause,
        CorrectiveAction = c.CorrectiveAction,
        Responsible = c.Responsible,
        ClosedAt = clock.ToLocal(c.ClosedAt),
        CaseStudyWritten = c.CaseStudyWritten,
        Staff = c.Staff,
        Model = c.Model ?? ticket?.Model,
        Vip = ticket?.Vip == true,
        Earlier = earlier,
    };

    private QuoteFacts ToFacts(Quote q, Ticket? ticket) => new()
    {
        QuoteNo = q.QuoteNo,
        TicketNo = q.TicketNo,
        QuotedAt = clock.ToLocal(q.QuotedAt),
        FirstQuoted = q.FirstQuoted,
        NoInvoiceRequested = q.NoInvoiceRequested,
        Staff = ticket?.Staff,
        Model = ticket?.Model,
        Vip = ticket?.Vip == true,
    };

    private static async Task<List<T>> InChunksAsync<T>(IEnumerable<string> keys, Func<string[], IQueryable<T>> query, CancellationToken cancellationToken)
    {
        var results = new List<T>();
        foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(ChunkSize))
        {
            results.AddRange(await query(chunk).ToListAsync(cancellationToken));
        }

        return results;
    }
}
