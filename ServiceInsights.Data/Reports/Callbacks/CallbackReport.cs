using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.FollowUps;

namespace ServiceInsights.Data.Reports.Callbacks;

/// <summary>
/// 回访报告 (CS-7d): the month's callbacks (anchor: callback time, local month) analysed — by method and week, reach rate,
/// the four answers (CS-7c), key-product phone coverage (CS-7b), phone-callback timeliness (CS-3d, OS-2d), an action list
/// and every callback. Rule figures are the metric engine's <see cref="MetricResult"/>s of the same run (one number, one
/// source). <see cref="AsOf"/> is local.
/// </summary>
public sealed record CallbackReport(
    ReportMonth Month,
    DateTime AsOf,
    bool CalendarComplete,
    SlaSettings Settings,
    CallbackReach Reach,
    IReadOnlyList<CallbackMethodCount> ByMethod,
    IReadOnlyList<CallbackWeekCount> ByWeek,
    CallbackAnswers Answers,
    IReadOnlyList<CallbackNeedRow> OtherNeeds,
    IReadOnlyList<KeyProductCoverageRow> KeyProductCoverage,
    CallbackRules Rules,
    IReadOnlyList<CallbackActionRow> ActionList,
    IReadOnlyList<CallbackRow> Detail)
{
    /// <summary>
    /// Every customer whose last callback up to the month's end did not reach them or left them unsatisfied or their problem
    /// unsolved, with no successful callback after it by the as-of time — whatever month it started in (open items carry
    /// over). Oldest first.
    /// </summary>
    public IReadOnlyList<CallbackOpenRow> Open { get; init; } = [];

    /// <summary>
    /// The follow-up items (整改项) about callbacks not verified at the as-of time, whatever month they were opened in
    /// (unsatisfied or unsolved callbacks, items a Manager opened): they carry over until verified. Overdue first, then oldest.
    /// </summary>
    public IReadOnlyList<FollowUpRow> FollowUps { get; init; } = [];

    public bool IsEmpty => Detail.Count == 0;

    /// <summary>接通率: the month's phone callbacks and how many reached the customer.</summary>
    public CallbackReach PhoneReach => Of(CallbackMethod.Phone);

    /// <summary>回复率: the month's SMS callbacks (weekly and monthly) and how many the customer replied to (是否接通 of an SMS).</summary>
    public CallbackReach SmsReply => Of(CallbackMethod.SmsWeekly, CallbackMethod.SmsMonthly);

    private CallbackReach Of(params CallbackMethod[] methods)
    {
        var rows = ByMethod.Where(r => r.Method is { } m && methods.Contains(m)).ToList();
        return new CallbackReach(rows.Sum(r => r.Total), rows.Sum(r => r.Reached));
    }
}

/// <summary>How many callbacks were made and how many reached the customer (是否接通; for an SMS: the customer replied).
/// The source's words: 接通率 for phone callbacks, 回复率 for SMS callbacks; the two are never one rate on a page.</summary>
public sealed record CallbackReach(int Total, int Reached)
{
    public int Unreached => Total - Reached;

    /// <summary>Reached / total; null when there were no callbacks.</summary>
    public double? Rate => Total == 0 ? null : (double)Reached / Total;
}

/// <summary>Callbacks of one method (null: the method was not recorded).</summary>
public sealed record CallbackMethodCount(CallbackMethod? Method, int Total, int Reached);

/// <summary>
/// Callbacks of one week of the month. Weeks run Monday to Sunday, clipped to the month: week 1 is from the 1st to the
/// first Sunday, the last week ends on the last day of the month.
/// </summary>
public sealed record CallbackWeekCount(int Week, DateOnly From, DateOnly To, int SmsWeekly, int SmsMonthly, int Phone, int Unstated)
{
    public int Total => SmsWeekly + SmsMonthly + Phone + Unstated;
}

/// <summary>Yes / no / not answered counts of one yes-no question.</summary>
public sealed record YesNoCount(int Yes, int No, int Unanswered)
{
    public int Answered => Yes + No;

    /// <summary>Yes / answered; null when nobody answered.</summary>
    public double? YesRate => Answered == 0 ? null : (double)Yes / Answered;
}

/// <summary>
/// The answers to the four questions (CS-7c) over the callbacks that reached the customer: problem solved, running
/// normally, satisfaction 1–5 (<see cref="Satisfaction"/>[0] is score 1) and how many stated other needs.
/// </summary>
public sealed record CallbackAnswers(int Reached, YesNoCount Solved, YesNoCount RunningNormally, IReadOnlyList<int> Satisfaction,
    int SatisfactionUnanswered, int WithOtherNeeds)
{
    public int SatisfactionAnswered => Satisfaction.Sum();

    /// <summary>Mean score of the answered callbacks; null when none answered.</summary>
    public double? AverageSatisfaction =>
        SatisfactionAnswered == 0 ? null : Satisfaction.Select((count, i) => count * (i + 1.0)).Sum() / SatisfactionAnswered;
}

/// <summary>其他需求: a need a customer stated, verbatim.</summary>
public sealed record CallbackNeedRow(string CallbackNo, DateTime At, string? Customer, string? Product, string Needs, string? Staff);

/// <summary>
/// CS-7b for one product family — the first key-product keyword (setting order) the ticket's product name contains, else
/// the first its model contains. Counts are the engine's CS-7b verdicts of those tickets.
/// </summary>
public sealed record KeyProductCoverageRow(string Family, int Eligible, int Met, int Pending)
{
    public double? Rate => Eligible == 0 ? null : (double)Met / Eligible;
}

/// <summary>The metric engine's results for the rules this report states (same run, same as-of).</summary>
public sealed record CallbackRules(MetricResult SmsCallback, MetricResult KeyProductPhone, MetricResult CompleteCallback,
    MetricResult PhoneFollowUp, MetricResult VisitFollowUp)
{
    /// <summary>CS-7a, CS-7b, CS-7c, CS-3d, OS-2d in the report's order.</summary>
    public IReadOnlyList<MetricResult> All => [SmsCallback, KeyProductPhone, CompleteCallback, PhoneFollowUp, VisitFollowUp];
}

/// <summary>A customer to call back about: unsatisfied (satisfaction ≤ 2) and/or problem not solved.</summary>
public sealed record CallbackActionRow(string CallbackNo, DateTime At, string? TicketNo, string? Customer, string? Product,
    int? Satisfaction, bool? Solved, bool? RunningNormally, string? OtherNeeds, string? Staff)
{
    public bool Unsatisfied => Satisfaction <= CallbackReportQuery.UnsatisfiedAtMost;

    public bool Unsolved => Solved == false;
}

/// <summary>One callback of the month as the detail table shows it; times local. Read by column name (RowReader), so a
/// new column is one member here and one line in the query's projection.</summary>
public sealed record CallbackRow
{
    public required string CallbackNo { get; init; }
    public required DateTime At { get; init; }
    public CallbackMethod? Method { get; init; }
    public string? TicketNo { get; init; }
    public string? Customer { get; init; }
    public string? ProductName { get; init; }
    public string? Model { get; init; }
    public required bool Reached { get; init; }
    public bool? Solved { get; init; }
    public bool? RunningNormally { get; init; }
    public int? Satisfaction { get; init; }
    public string? OtherNeeds { get; init; }
    public string? Notes { get; init; }
    public string? Staff { get; init; }

    /// <summary>Product name and model as one text ("虫情测报灯 TPCB-III").</summary>
    public string? Product => ReportText.Product(ProductName, Model);
}

/// <summary>
/// A customer still to be reached or satisfied: the callbacks about one ticket (or one callback without a ticket) since the
/// last successful one, none of them successful. <see cref="Attempts"/> counts them up to the as-of time;
/// <see cref="FirstAt"/> is the first of them, <see cref="LastAt"/> the last, with its outcome. A callback is successful when
/// it reached the customer, the satisfaction is not at or below <see cref="CallbackReportQuery.UnsatisfiedAtMost"/> and the
/// problem is not recorded as unsolved.
/// </summary>
public sealed record CallbackOpenRow(string? TicketNo, string LastCallbackNo, string? Customer, string? Product, DateTime FirstAt, DateTime LastAt,
    int Attempts, bool LastReached, int? LastSatisfaction, bool? LastSolved, string? Staff)
{
    /// <summary>The month the first unsuccessful attempt was made in.</summary>
    public ReportMonth StartedMonth => ReportMonth.From(DateOnly.FromDateTime(FirstAt));
}
