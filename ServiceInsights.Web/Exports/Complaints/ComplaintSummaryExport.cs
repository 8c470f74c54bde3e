using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Complaints;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Exports.Complaints;

/// <summary>The complaint summary's downloads: the page's query (<see cref="ComplaintSummaryQuery"/>), then the PDF or the workbook.</summary>
public sealed class ComplaintSummaryExport(ComplaintSummaryQuery query, L localizer, DepartmentClock clock) : IReportExport
{
    public ReportKind Kind => ReportKind.Complaints;

    public async Task<ReportFile> ExportAsync(ReportMonth month, DateTime? asOfLocal, ExportFormat format, CancellationToken cancellationToken = default)
    {
        var summary = await query.RunAsync(month, asOfLocal, cancellationToken);
        var generatedAt = clock.LocalNow;
        var content = format == ExportFormat.Pdf
            ? new ComplaintSummaryPdf(summary, localizer, generatedAt).Generate()
            : await new ComplaintSummarySheet(summary, localizer, generatedAt).GenerateAsync(cancellationToken);
        return ReportFile.Of(Kind, month, format, content);
    }
}
