using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Web.Exports.EightD;

/// <summary>
/// The 8D downloads: loads the report, its status history and its linked records, and writes the form as PDF or Excel
/// in the current UI culture. Null for an unknown number. Used by <c>GET /eightd/{number}.pdf|.xlsx</c> and the
/// <c>eightd NUMBER</c> verb.
/// </summary>
public sealed class EightDExport(
    EightDService service, EightDLinkedRecordsQuery records, IStringLocalizer<SharedResource> localizer, DepartmentClock clock)
{
    public async Task<ReportFile?> ExportAsync(string number, ExportFormat format, CancellationToken cancellationToken = default)
    {
        if (await service.LoadAsync(number, cancellationToken) is not { } document)
        {
            return null;
        }

        var history = await service.HistoryAsync(document.Number, cancellationToken);
        var linked = await records.LoadAsync(document.Links, cancellationToken);
        var form = EightDForm.Build(new EightDExportModel(document, SignOffs(document, history), linked, clock.LocalNow), localizer);
        var content = format == ExportFormat.Pdf
            ? new EightDPdf(form, localizer).Generate()
            : await new EightDSheet(form, localizer).GenerateAsync(cancellationToken);
        return new ReportFile(FileName(document.Number, format), ExportFormats.ContentType(format), content);
    }

    /// <summary>"8D-2026-0001.pdf".</summary>
    public static string FileName(string number, ExportFormat format) => $"{number}.{ExportFormats.Extension(format)}";

    public static string DownloadUrl(string number, ExportFormat format) => $"/eightd/{Uri.EscapeDataString(number)}.{ExportFormats.Extension(format)}";

    /// <summary>
    /// The sign-off from the status history (the latest of each step, only once the report has reached it): prepared = sent to
    /// review, reviewed = approved out of review, approved = closed. Before the report is sent to review, the author is named
    /// as preparer without a date.
    /// </summary>
    public static IReadOnlyList<EightDSignOff> SignOffs(EightDDocument document, IReadOnlyList<EightDHistoryRow> history)
    {
        EightDHistoryRow? Step(EightDStatus from, EightDStatus to, EightDStatus reached) => document.Status >= reached
            ? history.Where(h => h.Section == "Status" && h.OldValue == from.ToString() && h.NewValue == to.ToString()).MaxBy(h => h.At)
            : null;

        var prepared = Step(EightDStatus.Draft, EightDStatus.InReview, EightDStatus.InReview);
        var reviewed = Step(EightDStatus.InReview, EightDStatus.Approved, EightDStatus.Approved);
        var approved = Step(EightDStatus.Approved, EightDStatus.Closed, EightDStatus.Closed);
        return
        [
            new("EightDForm.SignOff.Prepared", prepared?.UserName ?? document.Author, prepared?.At),
            new("EightDForm.SignOff.Reviewed", reviewed?.UserName, reviewed?.At),
            new("EightDForm.SignOff.Approved", approved?.UserName, approved?.At),
        ];
    }
}
