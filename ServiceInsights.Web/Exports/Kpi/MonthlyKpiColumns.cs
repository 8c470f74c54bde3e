using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Web.Components.Pages.Kpi;

namespace ServiceInsights.Web.Exports.Kpi;

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

    public static IReadOnlyList<ReportColumn<MonthlyKpiRow>> Rules(IStringLocalizer l) =>
    [
        new(l["KpiReport.Rule"], r => RuleName(r.Id, l), Width: 2.2),
        new(l["KpiReport.TargetColumn"], r => r.Target.In(Hosting.Localization.IsChinese()), Width: 2.2),
        new(l["Kpi.Breakdown.Rate"], r => r.Rate, CellFormat.Percent, 0.75),
        new(l["Workbook.Met"], r => r.Met, CellFormat.Integer, 0.65),
        new(l["Workbook.Eligible"], r => r.Eligible, CellFormat.Integer, 0.65),
        new(l["Workbook.Pending"], r => r.Pending, CellFormat.Integer, 0.75),
        new(l["KpiReport.Previous"], r => r.PreviousRate, CellFormat.Percent, 0.75),
        new(l["KpiReport.Change"], r => r.ChangePoints, CellFormat.Number, 0.8),
    ];

    /// <summary>The rule, then its rate in each of the twelve months (oldest first).</summary>
    public static IReadOnlyList<ReportColumn<MonthlyKpiRow>> Trend(MonthlyKpiReport report, IStringLocalizer l) =>
    [
        new(l["KpiReport.Rule"], r => r.Id, Width: 0.9),
        .. report.Months.Select((month, i) => new ReportColumn<MonthlyKpiRow>(MonthLabel(month), r => r.Trend[i], CellFormat.Percent, 0.75)),
    ];

    /// <summary>DP-1: a row per staff member, every ticket and callback rule's rate (headed by its id), satisfaction and hits.</summary>
    public static IReadOnlyList<ReportColumn<StaffScorecard>> Staff(IStringLocalizer l) =>
    [
        new(l["Scorecards.Staff"], s => s.Staff.Length > 0 ? s.Staff : l["Scorecards.Unassigned"].Value, Width: 1.0),
        new(l["Scorecards.Volume"], s => s.Tickets, CellFormat.Integer, 0.6),
        .. StaffScorecard.RuleIds.Select(id => new ReportColumn<StaffScorecard>(id, s => s.Rules.GetValueOrDefault(id)?.Rate, CellFormat.Percent, 0.85)),
        new(l["Scorecards.Satisfaction"], s => s.Satisfaction?.Average, CellFormat.Number, 0.7),
        new(l["KpiReport.Answers"], s => s.Satisfaction?.Answers, CellFormat.Integer, 0.55),
        new(l["Scorecards.ForbiddenHits"], s => s.ForbiddenPhraseHits, CellFormat.Integer, 0.6),
    ];

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

    /// <summary>The counts of the page's summary cards: rules with data, and how many of them are good, fair, poor.</summary>
    public static (int WithRate, int Good, int Fair, int Poor) Bands(MonthlyKpiReport report)
    {
        var rated = report.Rules.Where(r => r.Rate is not null).ToList();
        return (rated.Count, rated.Count(r => r.Rate >= KpiText.Good), rated.Count(r => r.Rate >= KpiText.Fair && r.Rate < KpiText.Good),
            rated.Count(r => r.Rate < KpiText.Fair));
    }

    public static string Percent(double value) => value.ToString("P0", CultureInfo.CurrentCulture);
}
