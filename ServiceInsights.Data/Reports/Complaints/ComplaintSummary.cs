using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.FollowUps;

namespace ServiceInsights.Data.Reports.Complaints;

/// <summary>
/// 投诉月度汇总 (CP-2f): the month's complaints (anchor: received at, local month) — by class with the CP-1 reasons, by
/// product, cause and source (CS-8b), every stage rule (CP-1, CP-2a…2e) from the metric engine, every complaint open at the
/// as-of whatever month it was received in (<see cref="Open"/>: its age and promised-by time, and the days past it), CAPA
/// status, class-3 case studies and every complaint. <see cref="AsOf"/> is local.
/// </summary>
public sealed record ComplaintSummary(
    ReportMonth Month,
    DateTime AsOf,
    bool CalendarComplete,
    SlaSettings Settings,
    IReadOnlyList<ComplaintClassCount> ByClass,
    IReadOnlyList<ComplaintGroupCount> ByProduct,
    IReadOnlyList<ComplaintGroupCount> ByCause,
    IReadOnlyList<ComplaintSourceCount> BySource,
    ComplaintRules Rules,
    IReadOnlyList<ComplaintRow> Open,
    IReadOnlyList<ComplaintRow> CaseStudies,
    IReadOnlyList<ComplaintRow> Detail)
{
    public int Total => Detail.Count;

    /// <summary>The month's complaints closed by the as-of time.</summary>
    public int Closed => Detail.Count(r => r.IsClosed);

    /// <summary>Complaints of earlier months still open at the as-of time (they are in <see cref="Open"/>).</summary>
    public int CarriedOver => Open.Count(r => r.ReceivedAt < Month.FirstDay.ToDateTime(TimeOnly.MinValue));

    public bool IsEmpty => Detail.Count == 0;

    /// <summary>CAPA status (CP-2d) is shown for every complaint of the month: the detail rows carry it.</summary>
    public IReadOnlyList<ComplaintRow> Capa => Detail;

    /// <summary>
    /// The follow-up items (整改项) about complaints not verified at the as-of time, whatever month they were opened in
    /// (overdue complaints, CAPAs, items a Manager opened): they carry over until verified. Overdue first, then oldest.
    /// </summary>
    public IReadOnlyList<FollowUpRow> FollowUps { get; init; } = [];

    /// <summary>The month's closed complaints whose CAPA item was verified by the as-of time (已验证).</summary>
    public int CapaVerified => Detail.Count(r => r.CapaVerified);
}

/// <summary>Complaints of one CP-1 class (1, 2, 3).</summary>
public sealed record ComplaintClassCount(int Level, int Count);

/// <summary>Complaints of one group (a product/model or a cause); <see cref="Group"/> is "" when the field was empty.</summary>
public sealed record ComplaintGroupCount(string Group, int Count);

/// <summary>Complaints of one source (null: not recorded).</summary>
public sealed record ComplaintSourceCount(ComplaintSource? Source, int Count);

/// <summary>The metric engine's results for the complaint rules (same run, same as-of).</summary>
public sealed record ComplaintRules(MetricResult SalesFeedback, MetricResult Escalation, MetricResult StatedWait, MetricResult Measures,
    MetricResult FollowUp, MetricResult CorrectiveAction, MetricResult CaseStudy)
{
    /// <summary>The stage rules in the standard's order: CP-1, CP-2a … CP-2e (CS-8b is shown with the source).</summary>
    public IReadOnlyList<MetricResult> Stages => [Escalation, StatedWait, Measures, FollowUp, CorrectiveAction, CaseStudy];
}

/// <summary>
/// One complaint of the month as the tables show it; times local. <see cref="Class"/> is the CP-1 class with its reason
/// (<see cref="ComplaintClassifier"/>). <see cref="Capa"/> is the engine's CP-2d verdict (null while the complaint is open:
/// CP-2d judges closed complaints only). <see cref="ClosedAt"/> is null when the closing lies after the as-of. <see cref="AgeDays"/>: calendar days from the day received to the as-of day (open
/// complaints) or to the day closed.
/// </summary>
public sealed record ComplaintRow(
    string ComplaintNo,
    DateTime ReceivedAt,
    string? TicketNo,
    string? Customer,
    string? ProductName,
    string? Model,
    ComplaintSource? Source,
    string? SalesPerson,
    DateTime? SalesFeedbackAt,
    ComplaintClass Class,
    string? Description,
    DateTime? PromisedBy,
    string? Measures,
    DateTime? ManagerInformedAt,
    DateTime? LeaderInformedAt,
    DateTime? ResultNotifiedAt,
    int? Satisfaction,
    string? RootCause,
    string? CorrectiveAction,
    string? PreventiveAction,
    string? Responsible,
    DateTime? ClosedAt,
    bool? CaseStudyWritten,
    string? Staff,
    int AgeDays,
    RecordVerdict? Capa)
{
    public string? Product => ReportText.Product(ProductName, Model);

    /// <summary>
    /// Days (started 24-hour periods) from the promised-by time (承诺期限) to the as-of time while the complaint is open past
    /// it: 1 from the first minute late; 0 when the promise is not yet due (kept so far), null without a promise or once
    /// closed.
    /// </summary>
    public int? DaysPastPromise { get; init; }

    /// <summary>The month the complaint was received in ("2026-10").</summary>
    public ReportMonth ReceivedMonth => ReportMonth.From(DateOnly.FromDateTime(ReceivedAt));

    /// <summary>Closed by the as-of time (a later closing is not known yet).</summary>
    public bool IsClosed => ClosedAt is not null;

    /// <summary>
    /// 已验证: the complaint's CAPA follow-up item was verified by the as-of time (a Manager or quality engineer other than its
    /// owner confirmed the action took effect). CP-2d (<see cref="Capa"/>) only judges that the CAPA is recorded in full.
    /// </summary>
    public bool CapaVerified { get; init; }
}
