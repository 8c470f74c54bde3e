using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Complaints;
using ServiceInsights.Data.Settings;
using ServiceInsights.Web.Components.Pages.Reports;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.FollowUps;
using ServiceInsights.Web.Hosting;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Reports.Complaints;

/// <summary>
/// 投诉月度汇总: quality engineers, Managers and Admins read it; <see cref="ComplaintSummaryQuery"/> loads it for the page
/// and the downloads, <see cref="ComplaintSummaryPdf"/> and <see cref="ComplaintSummarySheet"/> write it.
/// </summary>
public sealed class ComplaintSummaryDefinition(ComplaintSummaryQuery query, SettingsStore settings, FollowUpDerivationQueue followUps, L localizer,
    DepartmentClock clock)
    : ReportDefinition<ComplaintSummary>(Declared, localizer, clock)
{
    public const string Route = ReportNames.RoutePrefix + "complaints";
    public const string Policy = Policies.QualityReports;
    public const string TitleKey = "Report.Complaints.Title";

    /// <summary>Its names on every surface; the page heading and the tests read them without a definition.</summary>
    public static ReportNames Declared { get; } = new(Route, Policy, TitleKey, "Area.ComplaintSummary", "投诉月度汇总", "complaint-summary");

    /// <summary>A download waits for a derivation of the follow-up items under way (after an import): a file never lacks them.</summary>
    public override async Task<ComplaintSummary> LoadAsync(ReportMonth month, DateTime? asOfLocal, CancellationToken cancellationToken = default)
    {
        await followUps.IdleAsync();
        return await query.RunAsync(month, asOfLocal, cancellationToken);
    }

    /// <summary>The page does not wait: it says "updating" while the follow-up items are being derived.</summary>
    public override async Task<(ComplaintSummary Report, ReportPageHeading Heading)> LoadPageAsync(ReportMonth month, DateTime? asOfLocal,
        CancellationToken cancellationToken = default)
    {
        var (summary, updating) = await followUps.ReadAsync(() => query.RunAsync(month, asOfLocal, cancellationToken));
        return (summary, await HeadingAsync(summary, cancellationToken) with { FollowUpsUpdating = updating });
    }

    protected override async Task<ReportPageHeading> HeadingAsync(ComplaintSummary summary, CancellationToken cancellationToken) =>
        new(summary.Month, summary.AsOf,
            ReportPageText.UnknownYears(await settings.GetCalendarAsync(cancellationToken), summary.Month, summary.AsOf, summary.CalendarComplete),
            [.. ComplaintSummaryColumns.Settings(summary, Localizer).Select(s => (s.Key, s.Value))]);

    protected override byte[] WritePdf(ComplaintSummary summary, DateTime generatedAt) => new ComplaintSummaryPdf(summary, Localizer, generatedAt).Generate();

    protected override Task<byte[]> WriteSheetAsync(ComplaintSummary summary, DateTime generatedAt, CancellationToken cancellationToken) =>
        new ComplaintSummarySheet(summary, Localizer, generatedAt).GenerateAsync(cancellationToken);
}
