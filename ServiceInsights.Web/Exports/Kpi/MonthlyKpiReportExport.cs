using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Web.Hosting;
using ServiceInsights.Web.Summaries;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Exports.Kpi;

/// <summary>
/// The monthly KPI report's downloads: the month from <see cref="KpiCache"/> and the eleven before it from the stored
/// summaries (<see cref="MonthSummaries"/>), the page's
/// <see cref="MonthlyKpiReportQuery.FromYearAsync"/>, then the PDF or the workbook.
/// </summary>
public sealed class MonthlyKpiReportExport(MonthSummaries summaries, MonthlyKpiReportQuery query, L localizer, DepartmentClock clock) : IReportExport
{
    public ReportKind Kind => ReportKind.Kpi;

    public async Task<ReportFile> ExportAsync(ReportMonth month, DateTime? asOfLocal, ExportFormat format, CancellationToken cancellationToken = default)
    {
        // The month from the cache, its trend from the stored summaries (waiting for any not computed yet).
        var year = await summaries.YearAsync(month, asOfLocal, waitForMissing: true, cancellationToken);
        var report = await query.FromYearAsync(year.Reports, cancellationToken);
        var generatedAt = clock.LocalNow;
        var content = format == ExportFormat.Pdf
            ? new MonthlyKpiReportPdf(report, localizer, generatedAt).Generate()
            : await new MonthlyKpiReportSheet(report, localizer, generatedAt).GenerateAsync(cancellationToken);
        return ReportFile.Of(Kind, month, format, content);
    }
}
