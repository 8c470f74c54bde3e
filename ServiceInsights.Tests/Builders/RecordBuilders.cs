using System.Globalization;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Tests.Builders;

/// <summary>The department's clock in tests: Asia/Shanghai, "now" 2026-11-28 10:00 local.</summary>
public static class TestClock
{
    public static DepartmentClock Shanghai { get; } =
        new(DepartmentClock.FindTimeZone(DepartmentClock.DefaultTimeZoneId), FixedTimeProvider.AtLocal(2026, 11, 28));

    /// <summary>A local Shanghai time written "2026-10-31 23:30" as the UTC instant the database stores.</summary>
    public static DateTime Utc(string local) => Shanghai.ToUtc(Local(local));

    public static DateTime Local(string local) => DateTime.Parse(local, CultureInfo.InvariantCulture);
}

/// <summary>Builds one imported record with just the values a test cares about; times are given in Shanghai local time.</summary>
public abstract class RecordBuilder<TBuilder, T> where T : ServiceRecord, new() where TBuilder : RecordBuilder<TBuilder, T>
{
    private static int _next;

    protected T Record { get; } = new();

    protected static string NextNumber(string prefix) => $"{prefix}-{Interlocked.Increment(ref _next):D5}";

    protected TBuilder Set(Action<T> change)
    {
        change(Record);
        return (TBuilder)this;
    }

    public TBuilder With(Action<T> change) => Set(change);

    public T Build() => Record;
}

public sealed class TicketBuilder : RecordBuilder<TicketBuilder, Ticket>
{
    public TicketBuilder() => Set(t => (t.TicketNo, t.ReceivedAt) = (NextNumber("GD"), TestClock.Utc("2026-10-15 10:00")));

    public TicketBuilder No(string ticketNo) => Set(t => t.TicketNo = ticketNo);
    public TicketBuilder ReceivedAt(string local) => Set(t => t.ReceivedAt = TestClock.Utc(local));
    public TicketBuilder Customer(string customer) => Set(t => t.Customer = customer);
    public TicketBuilder Product(string name, string? model = null) => Set(t => (t.ProductName, t.Model) = (name, model));
    public TicketBuilder Staff(string staff) => Set(t => t.Staff = staff);
    public TicketBuilder Problem(string problem) => Set(t => t.Problem = problem);
    public TicketBuilder Channel(Channel channel) => Set(t => t.Channel = channel);
    public TicketBuilder ServiceType(ServiceType type) => Set(t => t.ServiceType = type);
    public TicketBuilder ResolvedAt(string local) => Set(t => t.ResolvedAt = TestClock.Utc(local));
}

public sealed class RepairBuilder : RecordBuilder<RepairBuilder, Repair>
{
    public RepairBuilder() => Set(r => (r.RepairNo, r.ReceivedAt) = (NextNumber("WX"), TestClock.Utc("2026-10-16 09:00")));

    public RepairBuilder No(string repairNo) => Set(r => r.RepairNo = repairNo);
    public RepairBuilder Ticket(string? ticketNo) => Set(r => r.TicketNo = ticketNo);
    public RepairBuilder ReceivedAt(string local) => Set(r => r.ReceivedAt = TestClock.Utc(local));
    public RepairBuilder RepairedAt(string local) => Set(r => r.RepairedAt = TestClock.Utc(local));
    public RepairBuilder FaultCause(string cause) => Set(r => r.FaultCause = cause);
}

public sealed class RepairUpdateBuilder : RecordBuilder<RepairUpdateBuilder, RepairUpdate>
{
    public RepairUpdateBuilder(string repairNo) => Set(u => (u.RepairNo, u.At) = (repairNo, TestClock.Utc("2026-10-18 09:00")));

    public RepairUpdateBuilder At(string local) => Set(u => u.At = TestClock.Utc(local));
    public RepairUpdateBuilder Method(RepairUpdateMethod method) => Set(u => u.Method = method);
    public RepairUpdateBuilder Notes(string notes) => Set(u => u.Notes = notes);
}

public sealed class SiteVisitBuilder : RecordBuilder<SiteVisitBuilder, SiteVisit>
{
    public SiteVisitBuilder() => Set(v => (v.DispatchNo, v.OrderedAt) = (NextNumber("WP"), TestClock.Utc("2026-10-17 14:00")));

    public SiteVisitBuilder No(string dispatchNo) => Set(v => v.DispatchNo = dispatchNo);
    public SiteVisitBuilder Ticket(string? ticketNo) => Set(v => v.TicketNo = ticketNo);
    public SiteVisitBuilder OrderedAt(string local) => Set(v => v.OrderedAt = TestClock.Utc(local));
    public SiteVisitBuilder Engineer(string engineer) => Set(v => v.Engineer = engineer);
    public SiteVisitBuilder Source(DispatchSource source) => Set(v => v.Source = source);
}

public sealed class CallbackBuilder : RecordBuilder<CallbackBuilder, Callback>
{
    public CallbackBuilder() => Set(c => (c.CallbackNo, c.At) = (NextNumber("HF"), TestClock.Utc("2026-10-20 15:00")));

    public CallbackBuilder No(string callbackNo) => Set(c => c.CallbackNo = callbackNo);
    public CallbackBuilder Ticket(string? ticketNo) => Set(c => c.TicketNo = ticketNo);
    public CallbackBuilder At(string local) => Set(c => c.At = TestClock.Utc(local));
    public CallbackBuilder Customer(string customer) => Set(c => c.Customer = customer);
    public CallbackBuilder Product(string name, string? model = null) => Set(c => (c.ProductName, c.Model) = (name, model));
    public CallbackBuilder Staff(string staff) => Set(c => c.Staff = staff);
    public CallbackBuilder Method(CallbackMethod method) => Set(c => c.Method = method);
    public CallbackBuilder Satisfaction(int score) => Set(c => c.Satisfaction = score);
}

public sealed class ComplaintBuilder : RecordBuilder<ComplaintBuilder, Complaint>
{
    public ComplaintBuilder() => Set(c => (c.ComplaintNo, c.ReceivedAt) = (NextNumber("TS"), TestClock.Utc("2026-10-21 11:00")));

    public ComplaintBuilder No(string complaintNo) => Set(c => c.ComplaintNo = complaintNo);
    public ComplaintBuilder Ticket(string? ticketNo) => Set(c => c.TicketNo = ticketNo);
    public ComplaintBuilder ReceivedAt(string local) => Set(c => c.ReceivedAt = TestClock.Utc(local));
    public ComplaintBuilder Customer(string customer) => Set(c => c.Customer = customer);
    public ComplaintBuilder Staff(string staff) => Set(c => c.Staff = staff);
    public ComplaintBuilder Description(string description) => Set(c => c.Description = description);
    public ComplaintBuilder RootCause(string rootCause) => Set(c => c.RootCause = rootCause);
}

public sealed class QuoteBuilder : RecordBuilder<QuoteBuilder, Quote>
{
    public QuoteBuilder() => Set(q => (q.QuoteNo, q.QuotedAt) = (NextNumber("BJ"), TestClock.Utc("2026-10-19 10:00")));

    public QuoteBuilder Ticket(string? ticketNo) => Set(q => q.TicketNo = ticketNo);
    public QuoteBuilder Price(decimal inclTax, decimal exclTax) => Set(q => (q.PriceInclTax, q.PriceExclTax) = (inclTax, exclTax));
}
