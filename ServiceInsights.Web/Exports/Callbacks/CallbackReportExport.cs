using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Callbacks;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Exports.Callbacks;

/// <summary>The callback report's downloads: the page's query (<see cref="CallbackReportQuery"/>), then the PDF or the workbook.</summary>
public sealed class CallbackReportExport(CallbackReportQuery query, L localizer, DepartmentClock clock) : IReportExport
{
    public ReportKind Kind => ReportKind.Callbacks;

    public async Task<ReportFile> ExportAsync(ReportMonth month, DateTime? asOfLocal, ExportFormat format, CancellationToken cancellationToken = default)
    {
        var report = await query.RunAsync(month, asOfLocal, cancellationToken);
        var generatedAt = clock.LocalNow;
        var content = format == ExportFormat.Pdf
            ? new CallbackReportPdf(report, localizer, generatedAt).Generate()
            : await new CallbackReportSheet(report, localizer, generatedAt).GenerateAsync(cancellationToken);
        return ReportFile.Of(Kind, month, format, content);
    }
}
