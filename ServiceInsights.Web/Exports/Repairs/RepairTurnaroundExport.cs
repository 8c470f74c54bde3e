using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Repairs;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Exports.Repairs;

/// <summary>The repair turnaround report's downloads: the page's query (<see cref="RepairTurnaroundQuery"/>), then the PDF or the workbook.</summary>
public sealed class RepairTurnaroundExport(RepairTurnaroundQuery query, L localizer, DepartmentClock clock) : IReportExport
{
    public ReportKind Kind => ReportKind.Repairs;

    public async Task<ReportFile> ExportAsync(ReportMonth month, DateTime? asOfLocal, ExportFormat format, CancellationToken cancellationToken = default)
    {
        var report = await query.RunAsync(month, asOfLocal, cancellationToken);
        var generatedAt = clock.LocalNow;
        var content = format == ExportFormat.Pdf
            ? new RepairTurnaroundPdf(report, localizer, generatedAt).Generate()
            : await new RepairTurnaroundSheet(report, localizer, generatedAt).GenerateAsync(cancellationToken);
        return ReportFile.Of(Kind, month, format, content);
    }
}
