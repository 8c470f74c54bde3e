using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Reports.Complaints;
using ServiceInsights.Web.Components.Pages.Kpi;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.FollowUps;
using ServiceInsights.Web.Exports.Pdf;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Reports.Complaints;

/// <summary>
/// 投诉月度汇总 (CP-2f) as a PDF, in the page's order: key figures, by class with the reasons, by source with CS-8b, by
/// product and by cause, the stage rules (CP-1, CP-2a…2e), open complaints with their age, CAPA status, class-3 case
/// studies, every complaint, and the settings in force on the last page. Tables hold at most
/// <see cref="RuleFigures.PdfMaxRows"/> rows.
/// </summary>
public sealed class ComplaintSummaryPdf(ComplaintSummary summary, L localizer, DateTime generatedAt)
{
    /// <summary>The bar charts by product and by cause show the largest groups; the tables under them list every group.</summary>
    public const int ChartGroups = 10;

    private readonly IStringLocalizer _l = localizer;

    public byte[] Generate() => Compose().ToBytes();

    public PdfReport Compose() =>
        new PdfReport(new PdfReportHeader(_l[ComplaintSummaryDefinition.TitleKey], generatedAt)
            {
                Month = summary.Month.FirstDay,
                AsOf = summary.AsOf,
            }, localizer, landscape: true)
            .Compose(ComposeSummary)
            .Compose(ComposeClasses)
            .Compose(ComposeSources)
            .Compose(ComposeProductsAndCauses)
            .Compose(ComposeStages)
            .Compose(ComposeOpen)
            .Compose(ComposeCapa)
            .Compose(ComposeFollowUps)
            .Compose(ComposeCaseStudies)
            .Compose(ComposeDetail)
            .Compose(ComposeSettings);

    private void ComposeSummary(PdfReport pdf)
    {
        var culture = CultureInfo.CurrentCulture;
        var capa = summary.Rules.CorrectiveAction;
        pdf.Heading(_l["Report.Pdf.Summary"])
            .KeyFigures(
            [
                new(_l["ComplaintSummary.Total"], summary.Total.ToString("N0", culture), _l["ComplaintSummary.ClosedOpen", summary.Closed, summary.Total - summary.Closed]),
                .. summary.ByClass.Select(c => new KeyFigure(ComplaintSummaryColumns.ClassName(c.Level, _l), c.Count.ToString("N0", culture),
                    _l[$"ComplaintSummary.Class{c.Level}.Hint"],
                    c.Count == 0 || c.Level == 1 ? FigureStatus.Neutral : c.Level == 3 ? FigureStatus.Bad : FigureStatus.Warning)),
                new(_l["ComplaintSummary.Open"], summary.Open.Count.ToString("N0", culture),
                    summary.Open.Count > 0 ? _l["ComplaintSummary.OldestOpen", summary.Open[0].AgeDays].Value : null,
                    summary.Open.Count > 0 ? FigureStatus.Warning : FigureStatus.Neutral),
                new(_l["ComplaintSummary.CapaComplete"], KpiText.Rate(capa.Rate), _l["Kpi.MetOfEligible", capa.Met, capa.Eligible], RuleFigures.StatusOf(capa.Rate)),
                RuleFigures.Card(summary.Rules.SalesFeedback, _l),
                RuleFigures.Card(summary.Rules.Escalation, _l),
            ]);
        if (summary.IsEmpty)
        {
            pdf.Paragraph(_l["ComplaintSummary.Empty"], muted: true);
        }
    }

    private void ComposeClasses(PdfReport pdf)
    {
        pdf.Heading(_l["ComplaintSummary.ByClass"]);
        // The donut's legend states each class's count and share; the table (the Excel's) only when there is no donut.
        if (summary.IsEmpty)
        {
            pdf.Table(ComplaintSummaryColumns.ByClass(_l, summary.Total), summary.ByClass);
        }
        else
        {
            pdf.PieChart(new PieChart(_l["ComplaintSummary.ByClass"],
                [.. summary.ByClass.Where(c => c.Count > 0).Select(c => new PieSlice(ComplaintSummaryColumns.ClassName(c.Level, _l), c.Count))]) { Donut = true });
        }

        var escalated = ComplaintSummaryColumns.Escalated(summary);
        if (escalated.Count > 0)
        {
            pdf.CappedTable(ComplaintSummaryColumns.ClassReasons(_l), escalated);
        }

        pdf.Paragraph(_l["ComplaintSummary.ByClassNote", summary.Settings.RepeatComplaintDays], muted: true);
    }

    private void ComposeSources(PdfReport pdf)
    {
        var feedback = summary.Rules.SalesFeedback;
        pdf.Heading(_l["ComplaintSummary.BySource"])
            .Table(ComplaintSummaryColumns.BySource(_l, summary.Total), summary.BySource)
            .Paragraph($"{RuleFigures.Name(feedback, _l)} · {KpiText.Rate(feedback.Rate)} · {_l["Kpi.MetOfEligible", feedback.Met, feedback.Eligible]} · " +
                       _l["Kpi.Target", KpiText.Target(feedback)]);
        if (feedback.Missed > 0)
        {
            pdf.Paragraph(_l["ComplaintSummary.SalesFeedbackMissed"], muted: true)
                .CappedTable(RuleFigures.VerdictColumns(_l), [.. feedback.Verdicts.Where(v => v.Verdict == Data.Domain.Metrics.Verdict.Missed)]);
        }
    }

    private void ComposeProductsAndCauses(PdfReport pdf)
    {
        foreach (var (title, header, blank, groups) in new[]
                 {
                     (_l["ComplaintSummary.ByProduct"].Value, _l["Report.Product"].Value, _l["ComplaintSummary.NoProduct"].Value, summary.ByProduct),
                     (_l["ComplaintSummary.ByCause"].Value, _l["ComplaintSummary.Cause"].Value, _l["ComplaintSummary.NoCause"].Value, summary.ByCause),
                 })
        {
            pdf.Heading(title);
            if (groups.Count > 1)
            {
                var top = groups.Take(ChartGroups).ToList();
                pdf.BarChart(new BarChart(title, [.. top.Select(g => g.Group.Length > 0 ? g.Group : blank)],
                    [new ChartSeries(_l["CallbackReport.Count"], [.. top.Select(g => (double)g.Count)])]) { Height = 160 });
            }

            pdf.CappedTable(ComplaintSummaryColumns.ByGroup(header, blank, _l, summary.Total), groups);
        }
    }

    private void ComposeStages(PdfReport pdf)
    {
        pdf.Heading(_l["ComplaintSummary.Stages"]);
        var rated = summary.Rules.Stages.Where(r => r.Rate is not null).ToList();
        if (rated.Count > 0)
        {
            pdf.BarChart(new BarChart(_l["Report.Pdf.StageRates"], [.. rated.Select(r => r.Id)],
                [new ChartSeries(_l["Workbook.Value"], [.. rated.Select(r => r.Rate!.Value)])]) { ValueFormat = CellFormat.Percent, Height = 150 });
        }

        pdf.Table(RuleFigures.RuleColumns(_l), [.. summary.Rules.Stages, summary.Rules.SalesFeedback])
            .Paragraph(_l["ComplaintSummary.StagesNote"], muted: true);
    }

    private void ComposeOpen(PdfReport pdf)
    {
        pdf.Heading(_l["ComplaintSummary.OpenTitle"]);
        if (summary.Open.Count == 0)
        {
            pdf.Paragraph(_l["ComplaintSummary.NoneOpen"]);
            return;
        }

        pdf.CappedTable(ComplaintSummaryColumns.Open(_l), summary.Open)
            .Paragraph(_l["ComplaintSummary.OpenNote"], muted: true);
    }

    private void ComposeCapa(PdfReport pdf) => pdf
        .Heading(_l["ComplaintSummary.CapaTitle"])
        .CappedTable(ComplaintSummaryColumns.Capa(_l), summary.Capa)
        .Paragraph(_l["Report.Pdf.CapaNote"], muted: true);

    /// <summary>The follow-up items about complaints not verified at the as-of, whatever month they were opened in.</summary>
    private void ComposeFollowUps(PdfReport pdf)
    {
        pdf.Heading(_l["FollowUps.CarriedTitle", summary.FollowUps.Count, summary.FollowUps.Count(r => r.Overdue)]);
        if (summary.FollowUps.Count == 0)
        {
            pdf.Paragraph(_l["FollowUps.NoneCarried"]);
            return;
        }

        pdf.CappedTable(FollowUpColumns.Carried(_l), summary.FollowUps)
            .Paragraph(_l["FollowUps.CarriedNote"], muted: true);
    }

    private void ComposeCaseStudies(PdfReport pdf)
    {
        pdf.Heading(_l["ComplaintSummary.CaseStudies"])
            .Paragraph(_l["ComplaintSummary.CaseStudiesNote"], muted: true);
        if (summary.CaseStudies.Count == 0)
        {
            pdf.Paragraph(_l["ComplaintSummary.NoClass3"]);
            return;
        }

        // One block per case, from the same columns as the Excel sheet; an empty field reads "not recorded".
        var columns = ComplaintSummaryColumns.CaseStudy(_l);
        var (yes, no, notRecorded) = (_l["Pdf.Yes"].Value, _l["Pdf.No"].Value, _l["ComplaintSummary.NotRecorded"].Value);
        foreach (var row in summary.CaseStudies.Take(RuleFigures.PdfMaxRows))
        {
            pdf.KeyValues($"{row.ComplaintNo} · {row.Customer}",
            [
                .. columns.Skip(1).Select(c => new KeyValuePair<string, string>(c.Header,
                    c.Format.FormatCell(c.Value(row), CultureInfo.CurrentCulture, yes, no) is { Length: > 0 } text ? text : notRecorded)),
            ]);
        }
    }

    private void ComposeDetail(PdfReport pdf) => pdf
        .Heading(_l["ComplaintSummary.Detail"])
        .CappedTable(ComplaintSummaryColumns.Detail(_l), summary.Detail)
        .Paragraph(_l["Report.RecordCount", summary.Detail.Count], muted: true);

    private void ComposeSettings(PdfReport pdf) => pdf
        .Heading(_l["Report.Pdf.Settings"])
        .KeyValues(null, ComplaintSummaryColumns.Settings(summary, _l));
}
