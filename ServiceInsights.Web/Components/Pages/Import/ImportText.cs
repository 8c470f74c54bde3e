using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;

namespace ServiceInsights.Web.Components.Pages.Import;

/// <summary>How the Import page writes kinds, sizes and statuses.</summary>
public static class ImportText
{
    /// <summary>The kind in the reader's language: "工单" / "Tickets", "Site visits" (not the enum's "SiteVisits").</summary>
    public static string KindName(RecordKind kind, IStringLocalizer strings) => Records.RecordText.KindName(kind, strings);

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };

    public static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static Color StatusColor(ImportStatus status) => status switch
    {
        ImportStatus.Committed => Color.Success,
        ImportStatus.PartlyRejected => Color.Warning,
        ImportStatus.Failed => Color.Error,
        _ => Color.Default,
    };

    public static Severity StatusSeverity(ImportStatus status) => status switch
    {
        ImportStatus.Committed => Severity.Success,
        ImportStatus.PartlyRejected => Severity.Warning,
        ImportStatus.Failed => Severity.Error,
        _ => Severity.Info,
    };
}
