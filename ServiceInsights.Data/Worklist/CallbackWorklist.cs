using ServiceInsights.Data.Domain.Metrics;

namespace ServiceInsights.Data.Worklist;

/// <summary>Which items of the worklist to show, by their call-by day (a query-string value of the page).</summary>
public enum WorklistWindow
{
    /// <summary>Overdue, and due by the end of this week (Monday–Sunday): the default.</summary>
    Week,

    /// <summary>To be called today: overdue or call-by today.</summary>
    Today,

    /// <summary>Past the due time (missed), within the overdue days.</summary>
    Overdue,

    /// <summary>Every open item, whenever it is due.</summary>
    All,
}

/// <summary>The worklist's filters: one staff member (null: everyone), one rule (null: all four), the window.</summary>
public sealed record WorklistFilter(string? Staff = null, string? Rule = null, WorklistWindow Window = WorklistWindow.All);

/// <summary>
/// One callback duty on one record: the engine's pending verdict (not overdue) or its missed verdict within the overdue days
/// (overdue). Times are local. <see cref="TicketNo"/> is the ticket's, for OS-2d the visit's ticket (null when the visit
/// names none; <see cref="DispatchNo"/> then says which visit).
/// </summary>
public sealed record WorklistItem(
    string Rule,
    CallbackChannel Channel,
    string? TicketNo,
    string? DispatchNo,
    string? Staff,
    WorklistTicket? Ticket,
    DateTime Anchor,
    DateTime Due,
    DateOnly CallBy,
    bool Overdue,
    int Attempts,
    BilingualText Reason)
{
    /// <summary>Days from today to the call-by day (negative: overdue by that many days).</summary>
    public int DaysLeft(DateOnly today) => CallBy.DayNumber - today.DayNumber;
}

/// <summary>What a worklist row shows of the ticket: who to call about what.</summary>
public sealed record WorklistTicket(string TicketNo, string? Customer, string? Contact, string? Phone, string? ProductName, string? Model);

/// <summary>A staff member's counts for the manager: due this week (not overdue), overdue, and done this week.</summary>
public sealed record WorklistStaffCount(string Staff, int Due, int Overdue, int DoneThisWeek);

/// <summary>The worklist at <see cref="AsOf"/> (local) under <see cref="Filter"/>; the counts ignore the rule and window filters.</summary>
public sealed record CallbackWorklist(DateTime AsOf, WorklistFilter Filter, int OverdueDays, IReadOnlyList<WorklistItem> Items, IReadOnlyList<WorklistStaffCount> Counts)
{
    public DateOnly Today => DateOnly.FromDateTime(AsOf);

    /// <summary>Monday of the as-of's week.</summary>
    public DateOnly WeekStart => Today.AddDays(-(((int)Today.DayOfWeek + 6) % 7));

    public DateOnly WeekEnd => WeekStart.AddDays(6);
}
