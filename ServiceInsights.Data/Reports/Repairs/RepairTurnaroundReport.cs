using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Reports.Repairs;

/// <summary>
/// The repair turnaround report (返厂维修周转, CS-4) for the repairs received in <see cref="Month"/>, as of <see cref="AsOf"/>
/// (department local time). Every rule figure — <see cref="SameDay"/> (CS-4a), <see cref="Turnaround"/> (CS-4b),
/// <see cref="DailyStatus"/> (CS-4c) and the within-target rates by origin and model — comes from the metric engine's
/// verdicts; the rest (working-day distribution, fault causes, detail) describes the same repairs.
/// <see cref="CalendarComplete"/> is false when a year in play has no loaded holiday schedule (<see cref="UnknownYears"/>).
/// </summary>
public sealed record RepairTurnaroundReport(
    ReportMonth Month,
    DateTime AsOf,
    bool CalendarComplete,
    IReadOnlyList<int> UnknownYears,
    SlaSettings Settings,
    MetricResult SameDay,
    MetricResult Turnaround,
    MetricResult DailyStatus,
    RepairSameDaySteps SameDaySteps,
    IReadOnlyList<RepairOriginRow> ByOrigin,
    IReadOnlyList<RepairModelRow> ByModel,
    RepairDaysDistribution Distribution,
    IReadOnlyList<RepairOpenRow> OpenRepairs,
    IReadOnlyList<RepairStatusGapRow> StatusGaps,
    IReadOnlyList<FaultCauseRow> FaultCauses,
    IReadOnlyList<RepairTurnaroundRow> Rows)
{
    /// <summary>Repairs received in the month.</summary>
    public int Repairs => Rows.Count;

    /// <summary>Repaired by the as-of time.</summary>
    public int Repaired => Rows.Count(r => r.RepairedAt is not null);

    /// <summary>The month's repairs not repaired by the as-of time.</summary>
    public int Open => Rows.Count(r => r.RepairedAt is null);

    /// <summary>The open repairs (of any month) CS-4b already counts as missed at the as-of time.</summary>
    public IReadOnlyList<RepairOpenRow> Overdue => [.. OpenRepairs.Where(r => r.Overdue)];
}

/// <summary>
/// CS-4a split into its two steps (the standard's metric is "% same-day order; % same-day hand-over"): a step counts once
/// it happened or its deadline (the calendar's same-day deadline, as the rule uses) has passed; it is met when it happened
/// by the deadline. The rule's own figure is <see cref="RepairTurnaroundReport.SameDay"/>.
/// </summary>
public sealed record RepairSameDaySteps(int OrderEligible, int OrderMet, int HandOverEligible, int HandOverMet)
{
    public double? OrderRate => OrderEligible == 0 ? null : (double)OrderMet / OrderEligible;

    public double? HandOverRate => HandOverEligible == 0 ? null : (double)HandOverMet / HandOverEligible;
}

/// <summary>CS-4b for one origin (null: unknown, not eligible). <see cref="TargetDays"/> is null for imported items (by the
/// agreed date); <see cref="MedianDays"/> is over the repaired ones.</summary>
public sealed record RepairOriginRow(Origin? Origin, int? TargetDays, int Repairs, int Eligible, int Met, int Pending, double? Rate, double? MedianDays);

/// <summary>CS-4b for one product model ("" when the ticket gives none).</summary>
public sealed record RepairModelRow(string Model, int Repairs, int Eligible, int Met, int Pending, double? Rate, double? MedianDays);

/// <summary>
/// Working days(received, repaired) of the month's repairs repaired by the as-of time: median, 90th percentile (nearest
/// rank) and a histogram. Null figures when nothing is repaired.
/// </summary>
public sealed record RepairDaysDistribution(int Count, double? Median, int? P90, int? Max, IReadOnlyList<RepairDaysBucket> Histogram);

/// <summary>Repairs that took <see cref="From"/>…<see cref="To"/> working days (To null: and more).</summary>
public sealed record RepairDaysBucket(int From, int? To, int Count);

/// <summary>
/// A repair open at the as-of time, whatever month it was received in (open items carry over). <see cref="Overdue"/>: CS-4b
/// already counts it as missed. <see cref="DaysOver"/>: working days past the target (self-made, purchased) or past the
/// agreed date (imported, <see cref="WorkingCalendar.WorkingDaysLate"/>); 0 while within it; null when no target applies
/// (origin unknown, or imported without an agreed date). <see cref="Reason"/> is CS-4b's.
/// </summary>
public sealed record RepairOpenRow(
    string RepairNo, string? TicketNo, string? Customer, string? Model, string? Staff, Origin? Origin, DateTime ReceivedAt,
    int WorkingDaysOpen, int? TargetDays, DateOnly? AgreedDueDate, int? DaysOver, bool Overdue, BilingualText Reason)
{
    /// <summary>The month the repair was received in ("2026-10").</summary>
    public ReportMonth ReceivedMonth => ReportMonth.From(DateOnly.FromDateTime(ReceivedAt));
}

/// <summary>CS-4c per repair with at least one working day without a status update (the action list).</summary>
public sealed record RepairStatusGapRow(string RepairNo, string? Model, string? Staff, bool Open, int Days, int Confirmed, IReadOnlyList<DateOnly> MissedDays);

/// <summary>How many of the month's repairs name a fault cause ("" for none).</summary>
public sealed record FaultCauseRow(string Cause, int Repairs);

/// <summary>
/// One repair of the month with everything the detail table shows: times local, the linked ticket's customer, model,
/// origin, staff and VIP flag, working days (to the repair, or to the as-of date while open) and the engine's verdicts
/// (null: the rule does not apply).
/// </summary>
public sealed record RepairTurnaroundRow(
    string RepairNo,
    string? TicketNo,
    string? Customer,
    string? ProductName,
    string? Model,
    Origin? Origin,
    string? Staff,
    bool Vip,
    DateTime ReceivedAt,
    DateTime? OrderedAt,
    DateTime? HandedOverAt,
    DateTime? RepairedAt,
    DateTime? ShippedAt,
    DateOnly? AgreedDueDate,
    int WorkingDays,
    string? FaultCause,
    Verdict? SameDay,
    Verdict? Turnaround,
    BilingualText? TurnaroundReason,
    int StatusDays,
    int StatusDaysConfirmed);
