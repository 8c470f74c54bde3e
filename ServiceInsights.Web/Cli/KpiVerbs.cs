using System.Globalization;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Data.Reports.Kpi;

namespace ServiceInsights.Web.Cli;

/// <summary><c>kpi --month YYYY-MM [--asof 2026-11-27T00:00] [--json]</c>: every rule of the metric dictionary for a month.</summary>
public static class KpiVerbs
{
    public static async Task<int> KpiAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var (month, asOf) = await options.PeriodAsync(services);

        // A closed month without --asof: its frozen figures.
        var frozen = asOf is null ? await services.GetRequiredService<MonthArchive>().FrozenAsync(month) : null;
        var report = frozen?.Report ?? await services.GetRequiredService<KpiService>().RunAsync(month, asOf);
        if (options.Has("json"))
        {
            output.WriteLine(KpiService.ToJson(report, closed: frozen?.Close));
            return CommandLine.Ok;
        }

        output.WriteLine($"KPIs for {report.Month}, as of {report.AsOf:yyyy-MM-dd HH:mm} (department time)");
        if (frozen is not null)
        {
            output.WriteLine($"closed (已定版) on {frozen.Close.ClosedAt:yyyy-MM-dd HH:mm} by {frozen.Close.ClosedBy}: the frozen figures; --asof gives live ones");
        }

        if (!report.CalendarComplete)
        {
            output.WriteLine("warning: the period touches a year whose holiday schedule is not loaded; working days follow the plain weekday rule");
        }

        output.WriteLine($"{"rule",-6} {"rate",7} {"met",6} {"eligible",9} {"pending",8}  target");
        foreach (var metric in report.Results)
        {
            var rate = metric.Rate is { } r ? r.ToString("P1", CultureInfo.InvariantCulture) : "—";
            output.WriteLine($"{metric.Id,-6} {rate,7} {metric.Met,6} {metric.Eligible,9} {metric.Pending,8}  {metric.Target.English}");
        }

        return CommandLine.Ok;
    }
}
