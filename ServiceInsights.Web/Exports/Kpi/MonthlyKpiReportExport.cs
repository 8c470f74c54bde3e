using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Web.Hosting;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Exports.Kpi;

/// <summary>
/// The monthly KPI report's downloads: the twelve monthly engine runs from <see cref="KpiCache"/> (the page's and the
/// dashboard's cache, so a download after viewing the page, or a second download, reuses them), the page's
/// <see cref="MonthlyKpiReportQuery.FromYearAsync"/>, then the PDF or the workbook.
/// </summary>
public sealed class MonthlyKpiReportExport(KpiCache cache, MonthlyKpiReportQuery query, L localizer, DepartmentClock clock) : IReportExport
{
    public ReportKind Kind => ReportKind.Kpi;

    public async Task<ReportFile> ExportAsync(ReportMonth month, DateTime? asOfLocal, ExportFormat format, CancellationToken cancellationToken = default)
    {
        var report = await query.FromYearAsync(await cache.GetYearAsync(month, asOfLocal, cancellationToken), cancellationToken);
        var generatedAt = clock.LocalNow;
        var content = format == ExportFormat.Pdf
            ? new MonthlyKpiReportPdf(report, localizer, generatedAt).Generate()
            : await new MonthlyKpiReportSheet(report, localizer, generatedAt).GenerateAsync(cancellationToken);
        return ReportFile.Of(Kind, month, format, content);
    }
}
