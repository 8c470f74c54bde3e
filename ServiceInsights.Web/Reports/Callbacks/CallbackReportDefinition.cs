using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Callbacks;
using ServiceInsights.Data.Settings;
using ServiceInsights.Web.Components.Pages.Reports;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.FollowUps;
using ServiceInsights.Web.Hosting;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Reports.Callbacks;

/// <summary>
/// 回访报告 (CS-7d): Staff, Managers and Admins read it; <see cref="CallbackReportQuery"/> loads it for the page and the
/// downloads, <see cref="CallbackReportPdf"/> and <see cref="CallbackReportSheet"/> write it.
/// </summary>
public sealed class CallbackReportDefinition(CallbackReportQuery query, SettingsStore settings, FollowUpDerivationQueue followUps, L localizer,
    DepartmentClock clock)
    : ReportDefinition<CallbackReport>(Declared, localizer, clock)
{
    public const string Route = ReportNames.RoutePrefix + "callbacks";
    public const string Policy = Policies.CallbackReport;
    public const string TitleKey = "Report.Callbacks.Title";

    /// <summary>Its names on every surface; the page heading and the tests read them without a definition.</summary>
    public static ReportNames Declared { get; } = new(Route, Policy, TitleKey, "Area.CallbackReport", "回访报告", "callback-report");

    /// <summary>A download waits for a derivation of the follow-up items under way (after an import): a file never lacks them.</summary>
    public override async Task<CallbackReport> LoadAsync(ReportMonth month, DateTime? asOfLocal, CancellationToken cancellationToken = default)
    {
        await followUps.IdleAsync();
        return await query.RunAsync(month, asOfLocal, cancellationToken);
    }

    /// <summary>The page does not wait: it says "updating" while the follow-up items are being derived.</summary>
    public override async Task<(CallbackReport Report, ReportPageHeading Heading)> LoadPageAsync(ReportMonth month, DateTime? asOfLocal,
        CancellationToken cancellationToken = default)
    {
        var (report, updating) = await followUps.ReadAsync(() => query.RunAsync(month, asOfLocal, cancellationToken));
        return (report, await HeadingAsync(report, cancellationToken) with { FollowUpsUpdating = updating });
    }

    protected override async Task<ReportPageHeading> HeadingAsync(CallbackReport report, CancellationToken cancellationToken) =>
        new(report.Month, report.AsOf,
            ReportPageText.UnknownYears(await settings.GetCalendarAsync(cancellationToken), report.Month, report.AsOf, report.CalendarComplete),
            [.. CallbackReportColumns.Settings(report, Localizer).Select(s => (s.Key, s.Value))]);

    protected override byte[] WritePdf(CallbackReport report, DateTime generatedAt) => new CallbackReportPdf(report, Localizer, generatedAt).Generate();

    protected override Task<byte[]> WriteSheetAsync(CallbackReport report, DateTime generatedAt, CancellationToken cancellationToken) =>
        new CallbackReportSheet(report, Localizer, generatedAt).GenerateAsync(cancellationToken);
}
