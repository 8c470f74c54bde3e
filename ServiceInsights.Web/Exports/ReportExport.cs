using System.Globalization;
using ServiceInsights.Data.Domain;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Exports;

public enum ExportFormat { Pdf, Xlsx }

/// <summary>A written report: what the browser or the CLI saves.</summary>
public sealed record ReportFile(string FileName, string ContentType, byte[] Content)
{
    /// <summary>A monthly report's file, named in the current UI culture.</summary>
    public static ReportFile Of(ReportKind kind, ReportMonth month, ExportFormat format, byte[] content) =>
        new(ReportCatalog.FileName(kind, month, format, CultureInfo.CurrentUICulture), ReportCatalog.ContentType(format), content);
}

/// <summary>
/// One report's downloads: loads the report's model for a month and as-of (through the same query as its page) and writes it
/// as PDF or Excel in the current UI culture. One implementation per <see cref="ReportKind"/>; the endpoints and the
/// <c>report</c> verb find them through DI.
/// </summary>
public interface IReportExport
{
    ReportKind Kind { get; }

    /// <param name="asOfLocal">The as-of in the department's local time; now when null.</param>
    Task<ReportFile> ExportAsync(ReportMonth month, DateTime? asOfLocal, ExportFormat format, CancellationToken cancellationToken = default);
}

/// <summary>What every surface needs to know about the four reports: route, policy, title, file name.</summary>
public static class ReportCatalog
{
    public static IReadOnlyList<ReportKind> All { get; } = Enum.GetValues<ReportKind>();

    /// <summary>The route segment: <c>/reports/callbacks</c> is the page, <c>/reports/callbacks/2026-10.pdf</c> the download.</summary>
    public static string Segment(ReportKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Staff may download the callback report; Managers everything; quality engineers complaints and repairs.</summary>
    public static string PolicyOf(ReportKind kind) => kind switch
    {
        ReportKind.Callbacks => Policies.CallbackReport,
        ReportKind.Complaints or ReportKind.Repairs => Policies.QualityReports,
        _ => Policies.Analytics,
    };

    /// <summary>The resx key of the report's title.</summary>
    public static string TitleKey(ReportKind kind) => $"Report.{kind}.Title";

    public static string Extension(ExportFormat format) => format == ExportFormat.Pdf ? "pdf" : "xlsx";

    public static string ContentType(ExportFormat format) => format == ExportFormat.Pdf
        ? "application/pdf"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static bool TryParseFormat(string? text, out ExportFormat format)
    {
        format = text?.Trim().ToLowerInvariant() switch { "pdf" => ExportFormat.Pdf, "xlsx" => ExportFormat.Xlsx, _ => (ExportFormat)(-1) };
        return Enum.IsDefined(format);
    }

    /// <summary>The download link of a report page: the page's month and as-of carried over.</summary>
    public static string DownloadUrl(ReportKind kind, ReportMonth month, ExportFormat format, string? asOf = null) =>
        $"/reports/{Segment(kind)}/{month}.{Extension(format)}" + (string.IsNullOrWhiteSpace(asOf) ? "" : $"?asOf={Uri.EscapeDataString(asOf)}");

    /// <summary>"回访报告-2026-10.pdf" / "callback-report-2026-10.pdf": the title in the file's language.</summary>
    public static string FileName(ReportKind kind, ReportMonth month, ExportFormat format, CultureInfo? culture = null)
    {
        var stem = Localization.IsChinese(culture)
            ? kind switch
            {
                ReportKind.Callbacks => "回访报告",
                ReportKind.Complaints => "投诉月度汇总",
                ReportKind.Repairs => "返厂维修周转",
                _ => "月度KPI报告",
            }
            : kind switch
            {
                ReportKind.Callbacks => "callback-report",
                ReportKind.Complaints => "complaint-summary",
                ReportKind.Repairs => "repair-turnaround",
                _ => "kpi-report",
            };
        return $"{stem}-{month}.{Extension(format)}";
    }
}
