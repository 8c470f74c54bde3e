using ServiceInsights.Data.MonthClose;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.MonthClose;

namespace ServiceInsights.Web.Cli;

/// <summary>
/// <c>report callbacks|complaints|repairs|kpi --month YYYY-MM [--asof …] --format pdf|xlsx [--lang zh-CN|en-US] --out PATH</c>:
/// the same file the report page downloads (a closed month's archived file when no as-of is given).
/// </summary>
public static class ReportVerbs
{
    public static async Task<int> ReportAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var kindText = options.Positional.SingleOrDefault()
            ?? throw new CliUsageException($"name one report: {string.Join('|', ReportCatalog.All.Select(ReportCatalog.Segment))}");
        var kind = ReportCatalog.All.Where(k => ReportCatalog.Segment(k) == kindText.ToLowerInvariant()).Cast<ReportKind?>().SingleOrDefault()
            ?? throw new CliUsageException($"unknown report '{kindText}'; one of {string.Join('|', ReportCatalog.All.Select(ReportCatalog.Segment))}");

        var (month, asOf) = await options.PeriodAsync(services);
        var format = options.Format();
        options.UseLanguage();

        var export = services.GetServices<IReportExport>().Single(e => e.Kind == kind);
        // A closed month without --asof: the archived file, byte for byte what the download gives.
        await options.WriteOutAsync(await export.ExportOrArchivedAsync(services.GetRequiredService<MonthArchive>(), month, asOf, format), output);
        return CommandLine.Ok;
    }
}
