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
        var reports = services.GetServices<ReportDefinition>().ToList();
        var names = string.Join('|', reports.Select(r => r.Segment));
        var name = options.Positional.SingleOrDefault() ?? throw new CliUsageException($"name one report: {names}");
        var report = reports.Find(name) ?? throw new CliUsageException($"unknown report '{name}'; one of {names}");

        var (month, asOf) = await options.PeriodAsync(services);
        var format = options.Format();
        options.UseLanguage();

        // A closed month without --asof: the archived file, byte for byte what the download gives.
        await options.WriteOutAsync(await report.ExportOrArchivedAsync(services.GetRequiredService<MonthArchive>(), month, asOf, format), output);
        return CommandLine.Ok;
    }
}
