using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Hosting;
using ServiceInsights.Web.Summaries;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Reports.Kpi;

/// <summary>
/// 月度KPI报告: Managers and Admins read it. The month comes from <see cref="KpiCache"/> and the eleven before it from the
/// stored summaries (<see cref="MonthSummaries"/>), through <see cref="MonthlyKpiReportQuery.FromYearAsync"/>;
/// <see cref="MonthlyKpiReportPdf"/> and <see cref="MonthlyKpiReportSheet"/> write it.
/// </summary>
public sealed class MonthlyKpiReportDefinition(MonthSummaries summaries, MonthlyKpiReportQuery query, L localizer, DepartmentClock clock)
    : ReportDefinition<MonthlyKpiReport>(Declared, localizer, clock)
{
    public const string Route = ReportNames.RoutePrefix + "kpi";
    public const string Policy = Policies.Analytics;
    public const string TitleKey = "Report.Kpi.Title";

    /// <summary>Its names on every surface; the page heading and the tests read them without a definition.</summary>
    public static ReportNames Declared { get; } = new(Route, Policy, TitleKey, "Area.KpiReport", "月度KPI报告", "kpi-report");

    /// <summary>A download waits for any month of the trend not computed yet.</summary>
    public override async Task<MonthlyKpiReport> LoadAsync(ReportMonth month, DateTime? asOfLocal, CancellationToken cancellationToken = default)
    {
        var year = await summaries.YearAsync(month, asOfLocal, waitForMissing: true, cancellationToken);
        return await query.FromYearAsync(year.Reports, cancellationToken);
    }

    /// <summary>The page does not wait: the same twelve monthly runs as the /kpi dashboard, and "updating" while some are missing.</summary>
    public override async Task<(MonthlyKpiReport Report, ReportPageHeading Heading)> LoadPageAsync(ReportMonth month, DateTime? asOfLocal,
        CancellationToken cancellationToken = default)
    {
        var year = await summaries.YearAsync(month, asOfLocal, waitForMissing: false, cancellationToken);
        var report = await query.FromYearAsync(year.Reports, cancellationToken);
        return (report, await HeadingAsync(report, cancellationToken) with { TrendUpdating = year.Updating });
    }

    protected override Task<ReportPageHeading> HeadingAsync(MonthlyKpiReport report, CancellationToken cancellationToken) =>
        Task.FromResult(new ReportPageHeading(report.Month, report.AsOf, report.UnknownYears, SettingsInForce.Strip(report.Settings, Localizer)));

    protected override byte[] WritePdf(MonthlyKpiReport report, DateTime generatedAt) => new MonthlyKpiReportPdf(report, Localizer, generatedAt).Generate();

    protected override Task<byte[]> WriteSheetAsync(MonthlyKpiReport report, DateTime generatedAt, CancellationToken cancellationToken) =>
        new MonthlyKpiReportSheet(report, Localizer, generatedAt).GenerateAsync(cancellationToken);
}
