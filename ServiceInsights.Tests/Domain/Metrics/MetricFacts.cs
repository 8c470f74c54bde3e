using System.Globalization;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;

namespace ServiceInsights.Tests.Domain.Metrics;

/// <summary>Helpers for the rule tables: local times written "2026-03-05 09:00", the shipped calendar, default settings.</summary>
internal static class MetricFacts
{
    public static readonly WorkingCalendar Calendar = new(HolidaySchedule.Shipped);

    public static DateTime At(string local) => DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static DateTime? AtOrNull(string? local) => local is null ? null : At(local);

    public static DateOnly Day(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static MetricContext AsOf(string local, SlaSettings? settings = null) => new(settings ?? SlaSettings.Defaults, Calendar, At(local));

    public static TicketFacts Ticket(string received = "2026-03-05 09:00") => new() { TicketNo = "GD-1", ReceivedAt = At(received), Staff = "张敏" };

    public static RepairFacts Repair(string received = "2026-03-05 10:00") => new() { RepairNo = "WX-1", TicketNo = "GD-1", ReceivedAt = At(received) };

    public static VisitFacts Visit(string ordered = "2026-03-05 10:00") => new() { DispatchNo = "WP-1", TicketNo = "GD-1", OrderedAt = At(ordered) };

    public static ComplaintFacts Complaint(string received = "2026-06-08 09:40", string customer = "湖北省荆州市农业农村局") =>
        new() { ComplaintNo = "TS-2", Customer = customer, ReceivedAt = At(received) };
}
