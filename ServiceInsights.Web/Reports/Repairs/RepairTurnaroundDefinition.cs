using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Repairs;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Hosting;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Web.Reports.Repairs;

/// <summary>
/// 返厂维修周转报告 (CS-4): quality engineers, Managers and Admins read it; <see cref="RepairTurnaroundQuery"/> loads it for
/// the page and the downloads, <see cref="RepairTurnaroundPdf"/> and <see cref="RepairTurnaroundSheet"/> write it.
/// </summary>
public sealed class RepairTurnaroundDefinition(RepairTurnaroundQuery query, L localizer, DepartmentClock clock)
    : ReportDefinition<RepairTurnaroundReport>(Declared, localizer, clock)
{
    public const string Route = ReportNames.RoutePrefix + "repairs";
    public const string Policy = Policies.QualityReports;
    public const string TitleKey = "Report.Repairs.Title";

    /// <summary>Its names on every surface; the page heading and the tests read them without a definition.</summary>
    public static ReportNames Declared { get; } = new(Route, Policy, TitleKey, "Area.RepairReport", "返厂维修周转", "repair-turnaround");

    public override Task<RepairTurnaroundReport> LoadAsync(ReportMonth month, DateTime? asOfLocal, CancellationToken cancellationToken = default) =>
        query.RunAsync(month, asOfLocal, cancellationToken);

    protected override Task<ReportPageHeading> HeadingAsync(RepairTurnaroundReport report, CancellationToken cancellationToken) =>
        Task.FromResult(new ReportPageHeading(report.Month, report.AsOf, report.UnknownYears,
            SettingsInForce.Strip(report.Settings, Localizer, RepairTurnaroundColumns.SettingProperties)));

    protected override byte[] WritePdf(RepairTurnaroundReport report, DateTime generatedAt) => new RepairTurnaroundPdf(report, Localizer, generatedAt).Generate();

    protected override Task<byte[]> WriteSheetAsync(RepairTurnaroundReport report, DateTime generatedAt, CancellationToken cancellationToken) =>
        new RepairTurnaroundSheet(report, Localizer, generatedAt).GenerateAsync(cancellationToken);
}
