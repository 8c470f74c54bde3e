using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.KpiComments;

namespace ServiceInsights.Data.Reports.Kpi;

/// <summary>
/// The monthly KPI report (月度KPI): every rule of the metric dictionary for <see cref="Month"/> with its target, result,
/// change against the previous month and its rate in the twelve months up to this one (<see cref="Months"/>, oldest
/// first); the DP-1 staff table; and each rule split into VIP and other records. All figures are the metric engine's.
/// </summary>
public sealed record MonthlyKpiReport(
    ReportMonth Month,
    DateTime AsOf,
    bool CalendarComplete,
    IReadOnlyList<int> UnknownYears,
    SlaSettings Settings,
    IReadOnlyList<ReportMonth> Months,
    IReadOnlyList<MonthlyKpiRow> Rules,
    IReadOnlyList<StaffScorecard> Staff,
    IReadOnlyList<MonthlyKpiVipRow> Vip)
{
    public MonthlyKpiRow this[string id] => Rules.Single(r => r.Id == id);

    /// <summary>The Managers' comments on the month's rules (cause, action, owner, due), in the dictionary's order.</summary>
    public IReadOnlyList<KpiCommentView> Comments { get; init; } = [];

    public KpiCommentView? CommentOf(string id) => Comments.SingleOrDefault(c => c.RuleId == id);
}

/// <summary>
/// One rule in the month: the engine's counts and rate, the rule's target rate for the month's year and how the rate
/// stands against it, the previous month's rate, the change in percentage points (null when either month has no rate) and
/// <see cref="Trend"/>, the rate of each month of <see cref="MonthlyKpiReport.Months"/> (null when nothing was eligible)
/// with its <see cref="TrendStatus"/> (a small sample is drawn hollow) and <see cref="TrendTargets"/>.
/// </summary>
public sealed record MonthlyKpiRow(
    string Id, MetricGroup Group, BilingualText Target, int Eligible, int Met, int Missed, int Pending, double? Rate,
    double? PreviousRate, double? ChangePoints, IReadOnlyList<double?> Trend)
{
    public double TargetRate { get; init; } = TargetRates.DefaultPercent / 100;

    public RateStatus Status { get; init; } = RateStatus.None;

    public IReadOnlyList<RateStatus> TrendStatus { get; init; } = [];

    public IReadOnlyList<double> TrendTargets { get; init; } = [];
}

/// <summary>A rule's counts for VIP records and for the others (null when the month has no such record).</summary>
public sealed record MonthlyKpiVipRow(string Id, MetricBreakdownRow? Vip, MetricBreakdownRow? Other);
