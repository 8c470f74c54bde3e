using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Web.Components.Pages.Kpi;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.Pdf;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Reports.Kpi;

/// <summary>
/// 月度KPI as a PDF: the summary cards, every rule by group with target, result and change against the previous month,
/// the 12-month trend as line charts (a few rules a chart) and as a table, the DP-1 staff table, the VIP split, and the
/// settings in force on the last page.
/// </summary>
public sealed class MonthlyKpiReportPdf(MonthlyKpiReport report, L localizer, DateTime generatedAt)
{
    /// <summary>Lines a trend chart holds before it gets hard to tell apart.</summary>
    private const int SeriesPerChart = 5;

    private readonly IStringLocalizer _l = localizer;

    public byte[] Generate() => Compose().ToBytes();

    public PdfReport Compose() =>
        new PdfReport(new PdfReportHeader(_l[MonthlyKpiReportDefinition.TitleKey], generatedAt)
            {
                Month = report.Month.FirstDay,
                AsOf = report.AsOf,
            }, localizer)
            .Compose(ComposeSummary)
            .Compose(ComposeRules)
            .Compose(ComposeTrend)
            .Compose(ComposeStaff)
            .Compose(ComposeVip)
            .Compose(ComposeSettings);

    private void ComposeSummary(PdfReport pdf)
    {
        var culture = CultureInfo.CurrentCulture;
        var (withRate, met, near, below, small) = MonthlyKpiColumns.Bands(report);
        var sla = report.Settings;
        pdf.Heading(_l["Report.Pdf.Summary"])
            .Paragraph(_l["KpiReport.Intro", report.Month.ToString(), report.AsOf.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)], muted: true)
            .KeyFigures(
            [
                new(_l["KpiReport.RulesWithData"], $"{withRate} / {report.Rules.Count}", _l["KpiReport.RulesWithDataHint"]),
                new(_l["KpiReport.Good"], met.ToString(culture), null, FigureStatus.Good),
                new(_l["KpiReport.Fair", sla.TargetNearPoints], near.ToString(culture), null, FigureStatus.Warning),
                new(_l["KpiReport.Poor"], below.ToString(culture), null, FigureStatus.Bad),
                new(_l["KpiReport.SmallOrNone"], (small + report.Rules.Count - withRate).ToString(culture), _l["Kpi.Legend.Small", sla.SmallSampleBelow]),
            ]);
        if (!report.CalendarComplete)
        {
            pdf.Highlight(_l["Kpi.CalendarIncomplete", string.Join("、", report.UnknownYears)], []);
        }

        var headline = KpiText.Headline.Select(id => report.Rules.SingleOrDefault(r => r.Id == id)).OfType<MonthlyKpiRow>().ToList();
        pdf.KeyFigures([.. headline.Select(Card)]);
    }

    /// <summary>A headline rule as a card: its rate coloured against its target rate, the target rate beside it (样本少 for a
    /// small sample) and the change against the previous month (the rules' wording is in the rule tables below).</summary>
    private KeyFigure Card(MonthlyKpiRow row)
    {
        var beside = row.Status is RateStatus.Small ? $"{KpiText.TargetRate(row.TargetRate, _l)} · {KpiText.StatusText(row.Status, row.Eligible, _l)}"
            : KpiText.TargetRate(row.TargetRate, _l);
        return new(MonthlyKpiColumns.RuleName(row.Id, _l), KpiText.RateOrNoData(row.Rate, _l),
            $"{beside} · {KpiText.Change(row.Rate, row.PreviousRate) ?? _l["Kpi.Status.None"]}", RuleFigures.StatusOf(row.Status));
    }

    /// <summary>What the colours, hollow points and dashed lines mean, with the bands in force.</summary>
    private string Legend()
    {
        var near = report.Settings.TargetNearPoints;
        string[] parts =
        [
            _l["Kpi.Legend.Met"], _l["Kpi.Legend.Near", near], _l["Kpi.Legend.Below", near], _l["Kpi.Legend.Small", report.Settings.SmallSampleBelow],
            _l["Kpi.Legend.Target"], _l["Kpi.Legend.NoData"],
        ];
        return $"{_l["Kpi.Legend.Title"]}: {string.Join(Hosting.Localization.IsChinese() ? "；" : "; ", parts)}";
    }

    private void ComposeRules(PdfReport pdf)
    {
        foreach (var group in Enum.GetValues<MetricGroup>())
        {
            var rows = report.Rules.Where(r => r.Group == group).ToList();
            if (rows.Count > 0)
            {
                pdf.Heading(_l[$"Kpi.Group.{group}"]).Table(MonthlyKpiColumns.Rules(_l), rows);
                // The Managers' comments (未达标说明) beside their rules: under the group's table, in the rules' order.
                var comments = rows.Select(r => report.CommentOf(r.Id)).OfType<Data.KpiComments.KpiCommentView>().ToList();
                if (comments.Count > 0)
                {
                    pdf.Paragraph(_l["KpiComments.Title"]).Table(MonthlyKpiColumns.Comments(_l), comments);
                }
            }
        }

        pdf.Paragraph(_l["KpiReport.ChangeHint"], muted: true)
            .Paragraph(Legend(), muted: true);
    }

    private void ComposeTrend(PdfReport pdf)
    {
        pdf.Heading(_l["KpiReport.TrendTitle"])
            .Paragraph(Legend(), muted: true);
        var months = report.Months.Select(MonthlyKpiColumns.MonthLabel).Select(m => m[2..]).ToList();
        foreach (var group in Enum.GetValues<MetricGroup>())
        {
            var rows = report.Rules.Where(r => r.Group == group && r.Trend.Any(v => v is not null)).ToList();
            var charts = (rows.Count + SeriesPerChart - 1) / SeriesPerChart;
            for (var c = 0; c < charts; c++)
            {
                var part = rows.Skip(c * SeriesPerChart).Take(SeriesPerChart).ToList();
                var title = charts > 1 ? $"{_l[$"Kpi.Group.{group}"]} ({c + 1}/{charts})" : _l[$"Kpi.Group.{group}"].Value;
                pdf.LineChart(new LineChart(title, months,
                    [
                        .. part.Select(r => new ChartSeries(r.Id, [.. r.Trend.Select(v => v ?? double.NaN)])
                        {
                            Hollow = [.. r.TrendStatus.Select(s => s == RateStatus.Small)],
                            Target = r.TrendTargets,
                        }),
                    ]) { ValueFormat = CellFormat.Percent, Height = 150 });
            }
        }

        pdf.Table(MonthlyKpiColumns.Trend(report, _l), report.Rules);
    }

    private void ComposeStaff(PdfReport pdf)
    {
        pdf.Heading(_l["KpiReport.Staff"]);
        if (report.Staff.Count == 0)
        {
            pdf.Paragraph(_l["Scorecards.None"]);
            return;
        }

        pdf.Paragraph(_l["KpiReport.Pdf.StaffHint", string.Join("、", StaffScorecard.RuleIds.Select(id => MonthlyKpiColumns.RuleName(id, _l)))], muted: true)
            .Paragraph(Legend(), muted: true)
            .CappedTable(MonthlyKpiColumns.Staff(_l), [.. report.Staff.OrderBy(r => r.Staff, StringComparer.CurrentCulture)]);
    }

    private void ComposeVip(PdfReport pdf)
    {
        pdf.Heading(_l["KpiReport.Vip"])
            .Paragraph(_l["KpiReport.VipHint"], muted: true);
        var rows = MonthlyKpiColumns.VipRows(report);
        if (rows.Count == 0)
        {
            pdf.Paragraph(_l["KpiReport.VipNone"]);
            return;
        }

        pdf.Table(MonthlyKpiColumns.Vip(_l), rows);
    }

    private void ComposeSettings(PdfReport pdf) => pdf
        .Heading(_l["Report.Pdf.Settings"])
        .KeyValues(null, SettingsInForce.Pairs(report.Settings, _l))
        .Paragraph(_l["Report.SettingsNote"], muted: true);
}
