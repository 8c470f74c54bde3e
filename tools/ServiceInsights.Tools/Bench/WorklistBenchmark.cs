using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;
using ServiceInsights.Data.Worklist;
using ServiceInsights.Web.Cli;

namespace ServiceInsights.Tools.Bench;

/// <summary>
/// <c>bench worklist</c>: the callback worklist of the staff member with the most tickets, and everyone's, on the bench
/// database (built on first use, as for <c>bench kpi</c>): cold and warm wall time against the 1 s target, and the items.
/// </summary>
public static class WorklistBenchmark
{
    public static readonly TimeSpan Target = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var tickets = options.PositiveNumber("tickets", 1_000_000);
        var asOf = options.AsOf(BenchVerbs.BenchAsOf)!.Value;
        var dir = options.Get("dir") ?? Path.Combine(Path.GetTempPath(), "si-bench");
        var clock = services.GetRequiredService<DepartmentClock>();
        var database = await BenchDatabase.EnsureAsync(dir, tickets, clock, output);
        output.WriteLine($"{database.File} ({new FileInfo(database.File).Length / 1048576.0:N0} MB): " + string.Join(", ", database.Rows.Select(r => $"{r.Value:N0} {r.Key}")));

        var factory = BenchDatabase.Factory(database.File);
        var query = new CallbackWorklistQuery(new MetricQuery(factory, clock), new SettingsStore(factory, clock), clock, factory);
        string staff;
        await using (var db = await factory.CreateDbContextAsync())
        {
            staff = await db.Tickets.Where(t => t.Staff != null).GroupBy(t => t.Staff!).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        }

        foreach (var (name, filter) in new[] { ($"staff {staff}", new WorklistFilter(staff)), ("everyone", new WorklistFilter()) })
        {
            var watch = Stopwatch.StartNew();
            var worklist = await query.RunAsync(filter, asOf);
            var cold = watch.Elapsed;
            var warm = new List<TimeSpan>();
            for (var i = 0; i < 5; i++)
            {
                watch.Restart();
                worklist = await query.RunAsync(filter, asOf);
                warm.Add(watch.Elapsed);
            }

            warm.Sort();
            var median = warm[warm.Count / 2];
            var verdict = filter.Staff is null ? "" : $"; target ≤ {Target.TotalMilliseconds:0} ms: {(median <= Target ? "met" : "NOT met")}";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"worklist of {name} as of {asOf:yyyy-MM-dd HH:mm}: {worklist.Items.Count:N0} items ({worklist.Items.Count(i => i.Overdue):N0} overdue); cold {cold.TotalMilliseconds:N0} ms, warm median {median.TotalMilliseconds:N0} ms (min {warm[0].TotalMilliseconds:N0}, max {warm[^1].TotalMilliseconds:N0}){verdict}"));
        }

        return CommandLine.Ok;
    }
}
