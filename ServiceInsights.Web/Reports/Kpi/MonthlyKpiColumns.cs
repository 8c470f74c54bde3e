using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.KpiComments;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Web.Components.Pages.Kpi;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.Pdf;

namespace ServiceInsights.Web.Reports.Kpi;

/// <summary>
/// The monthly KPI report's tables, declared once for the PDF and the workbook: every rule (target, result, previous
/// month, change), the 12-month trend, the DP-1 staff table and the VIP split.
/// </summary>
public static class MonthlyKpiColumns
{
    /// <summary>"CS-3a 首次响应".</summary>
    public static string RuleName(string id, IStringLocalizer l) => $"{id} {l[KpiText.NameKey(id)]}";

    /// <summary>"2026-10", the month as a column header and a chart category.</summary>
    public static string MonthLabel(ReportMonth month) => month.ToString();

    /// <summary>
    /// Every rule: its wording (the definition), its target rate, the rate coloured against it with the status in words
    /// (样本少 (n = 3), 无数据), the counts, the previous month and the change. The wording column takes the room its English
    /// needs (about 40 characters a line on A4), the counts the least.
    /// </summary>
    public static IReadOnlyList<ReportColumn<MonthlyKpiRow>> Rules(IStringLocalizer l)
    {
        var noData = l["Kpi.Status.None"].Value;
        return
        [
            new(l["KpiReport.Rule"], r => RuleName(r.Id, l), Width: 1.5),
            new(l["KpiReport.TargetColumn"], r => r.Target.In(Hosting.Localization.IsChinese()), Width: 2.5),
            new(l["KpiReport.TargetRateColumn"], r => r.TargetRate, CellFormat.Percent, 0.75),
            new(l["Kpi.Breakdown.Rate"], r => r.Rate ?? (object)noData, CellFormat.Percent, 0.75, r => RuleFigures.StatusOf(r.Status)),
            new(l["KpiReport.StatusColumn"], r => KpiText.StatusText(r.Status, r.Eligible, l), Width: 1.15, Tone: r => RuleFigures.StatusOf(r.Status)),
            new(l["Workbook.Met"], r => r.Met, CellFormat.Integer, 0.5),
            new(l["Workbook.Eligible"], r => r.Eligible, CellFormat.Integer, 0.75),
            new(l["Workbook.Pending"], r => r.Pending, CellFormat.Integer, 0.8),
            new(l["KpiReport.Previous"], r => r.PreviousRate ?? (object)noData, CellFormat.Percent, 0.9),
            new(l["KpiReport.Change"], r => r.ChangePoints ?? (object)noData, CellFormat.Number, 0.85),
        ];
    }

    /// <summary>The rules as the workbook's rules sheet lists them: <see cref="Rules"/>, then the Manager's comment beside each
    /// rule (cause, action, owner, due date), empty where there is none.</summary>
    public static IReadOnlyList<ReportColumn<MonthlyKpiRow>> RulesWithComments(MonthlyKpiReport report, IStringLocalizer l) =>
    [
        .. Rules(l),
        new(l["KpiComments.Cause"], r => report.CommentOf(r.Id)?.Cause, Width: 2),
        new(l["KpiComments.Action"], r => report.CommentOf(r.Id)?.Action, Width: 2),
        new(l["KpiComments.Owner"], r => report.CommentOf(r.Id)?.OwnerName, Width: 0.8),
        new(l["KpiComments.Due"], r => report.CommentOf(r.Id)?.Due, CellFormat.Date, 0.8),
    ];

    /// <summary>The comments on a group's rules, printed under the group's rule table in the PDF.</summary>
    public static IReadOnlyList<ReportColumn<KpiCommentView>> Comments(IStringLocalizer l) =>
    [
        new(l["KpiReport.Rule"], c => RuleName(c.RuleId, l), Width: 1.3),
        new(l["KpiComments.Cause"], c => c.Cause, Width: 2.6),
        new(l["KpiComments.Action"], c => c.Action, Width: 2.6),
        new(l["KpiComments.Owner"], c => c.OwnerName, Width: 0.8),
        new(l["KpiComments.Due"], c => c.Due, CellFormat.Date, 0.8),
        new(l["KpiComments.Written"], c => $"{c.UpdatedBy} {c.UpdatedAt:yyyy-MM-dd}", Width: 1.1),
    ];

    /// <summary>The rule and its target rate, then its rate in each of the twelve months (oldest first), coloured against the
    /// month's target; 无数据 for a month without eligible records.</summary>
    public static IReadOnlyList<ReportColumn<MonthlyKpiRow>> Trend(MonthlyKpiReport report, IStringLocalizer l)
    {
        var noData = l["Kpi.Status.None"].Value;
        return
        [
            new(l["KpiReport.Rule"], r => r.Id, Width: 0.9),
            new(l["KpiReport.TargetRateColumn"], r => r.TargetRate, CellFormat.Percent, 0.75),
            .. report.Months.Select((month, i) => new ReportColumn<MonthlyKpiRow>(MonthLabel(month), r => r.Trend[i] ?? (object)noData, CellFormat.Percent, 0.75,
                r => i < r.TrendStatus.Count ? RuleFigures.StatusOf(r.TrendStatus[i]) : FigureStatus.Neutral)),
        ];
    }

    /// <summary>DP-1: a row per staff member, every ticket and callback rule's rate (headed by its id), satisfaction and hits.
    /// A rate on a small sample is left uncoloured and says so beside it, as the rules table's status column does.</summary>
    public static IReadOnlyList<ReportColumn<StaffScorecard>> Staff(IStringLocalizer l) =>
    [
        new(l["Scorecards.Staff"], s => s.Staff.Length > 0 ? s.Staff : l["Scorecards.Unassigned"].Value, Width: 1.0),
        new(l["Scorecards.Volume"], s => s.Tickets, CellFormat.Integer, 0.6),
        .. StaffScorecard.RuleIds.Select(id => new ReportColumn<StaffScorecard>(id, s => StaffRate(s, id, l), CellFormat.Percent, 0.85,
            s => RuleFigures.StatusOf(s.StatusOf(id)))),
        new(l["Scorecards.Satisfaction"], s => s.Satisfaction?.Average, CellFormat.Number, 0.7),
        new(l["KpiReport.Answers"], s => s.Satisfaction?.Answers, CellFormat.Integer, 0.55),
        new(l["Scorecards.ForbiddenHits"], s => s.ForbiddenPhraseHits, CellFormat.Integer, 0.6),
    ];

    /// <summary>A staff member's rate on a rule: the number, or "66.7% 样本少 (n = 3)" on a small sample; null without records.</summary>
    private static object? StaffRate(StaffScorecard staff, string id, IStringLocalizer l) =>
        staff.Rules.GetValueOrDefault(id) is not { Rate: { } rate } row ? null
            : staff.StatusOf(id) == RateStatus.Small ? $"{KpiText.Rate(rate)} {KpiText.StatusText(RateStatus.Small, row.Eligible, l)}"
            : rate;

    public static IReadOnlyList<ReportColumn<MonthlyKpiVipRow>> Vip(IStringLocalizer l)
    {
        var vip = "VIP";
        var other = l["Kpi.Breakdown.NotVip"].Value;
        return
        [
            new(l["KpiReport.Rule"], r => RuleName(r.Id, l), Width: 2.4),
            .. Side(vip, r => r.Vip),
            .. Side(other, r => r.Other),
        ];

        IEnumerable<ReportColumn<MonthlyKpiVipRow>> Side(string name, Func<MonthlyKpiVipRow, MetricBreakdownRow?> of) =>
        [
            new($"{name} · {l["Kpi.Breakdown.Rate"]}", r => of(r)?.Rate, CellFormat.Percent, 0.8),
            new($"{name} · {l["Workbook.Met"]}", r => of(r)?.Met, CellFormat.Integer, 0.65),
            new($"{name} · {l["Workbook.Eligible"]}", r => of(r)?.Eligible, CellFormat.Integer, 0.65),
            new($"{name} · {l["Workbook.Pending"]}", r => of(r)?.Pending, CellFormat.Integer, 0.65),
        ];
    }

    /// <summary>The rules the VIP table lists: those with a VIP or other record in the month (as the page).</summary>
    public static IReadOnlyList<MonthlyKpiVipRow> VipRows(MonthlyKpiReport report) => [.. report.Vip.Where(r => r.Vip is not null || r.Other is not null)];

    /// <summary>The counts of the page's summary cards: rules with data, and how many of them meet their target, are near it,
    /// are below it, or rest on a small sample.</summary>
    public static (int WithRate, int Met, int Near, int Below, int Small) Bands(MonthlyKpiReport report) =>
        (report.Rules.Count(r => r.Rate is not null), report.Rules.Count(r => r.Status == RateStatus.Met), report.Rules.Count(r => r.Status == RateStatus.Near),
            report.Rules.Count(r => r.Status == RateStatus.Below), report.Rules.Count(r => r.Status == RateStatus.Small));

    public static string Percent(double value) => value.ToString("P0", CultureInfo.CurrentCulture);
}
