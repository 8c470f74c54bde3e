using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Complaints;
using ServiceInsights.Data.Settings;
using ServiceInsights.Web.Components.Pages.Reports;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Hosting;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Reports.Complaints;

/// <summary>
/// 投诉月度汇总: quality engineers, Managers and Admins read it; <see cref="ComplaintSummaryQuery"/> loads it for the page
/// and the downloads, <see cref="ComplaintSummaryPdf"/> and <see cref="ComplaintSummarySheet"/> write it.
/// </summary>
public sealed class ComplaintSummaryDefinition(ComplaintSummaryQuery query, SettingsStore settings, L localizer, DepartmentClock clock)
    : ReportDefinition<ComplaintSummary>(Declared, localizer, clock)
{
    public const string Route = ReportNames.RoutePrefix + "complaints";
    public const string Policy = Policies.QualityReports;
    public const string TitleKey = "Report.Complaints.Title";

    /// <summary>Its names on every surface; the page heading and the tests read them without a definition.</summary>
    public static ReportNames Declared { get; } = new(Route, Policy, TitleKey, "Area.ComplaintSummary", "投诉月度汇总", "complaint-summary");

    public override Task<ComplaintSummary> LoadAsync(ReportMonth month, DateTime? asOfLocal, CancellationToken cancellationToken = default) =>
        query.RunAsync(month, asOfLocal, cancellationToken);

    protected override async Task<ReportPageHeading> HeadingAsync(ComplaintSummary summary, CancellationToken cancellationToken) =>
        new(summary.Month, summary.AsOf,
            ReportPageText.UnknownYears(await settings.GetCalendarAsync(cancellationToken), summary.Month, summary.AsOf, summary.CalendarComplete),
            [.. ComplaintSummaryColumns.Settings(summary, Localizer).Select(s => (s.Key, s.Value))]);

    protected override byte[] WritePdf(ComplaintSummary summary, DateTime generatedAt) => new ComplaintSummaryPdf(summary, Localizer, generatedAt).Generate();

    protected override Task<byte[]> WriteSheetAsync(ComplaintSummary summary, DateTime generatedAt, CancellationToken cancellationToken) =>
        new ComplaintSummarySheet(summary, Localizer, generatedAt).GenerateAsync(cancellationToken);
}
