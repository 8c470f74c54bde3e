using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.Import;
using ServiceInsights.Web.Cli;

namespace ServiceInsights.Tools.Bench;

/// <summary>
/// <c>bench followups</c>: the derivation of the follow-up items (<see cref="FollowUpService.SyncAsync"/>) on a scratch copy
/// of the bench database (built on first use, as for <c>bench kpi</c>; the bench file itself is not changed): every item
/// derived from nothing, a run with nothing to derive (what the timer does), and the run after an import that makes
/// <c>--changed</c> satisfied callbacks unsatisfied. Wall and CPU time of each (decision 034).
/// </summary>
public static class FollowUpBenchmark
{
    public static async Task<int> RunAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var tickets = options.PositiveNumber("tickets", 1_000_000);
        var changed = options.PositiveNumber("changed", 1000);
        var dir = options.Get("dir") ?? Path.Combine(Path.GetTempPath(), "si-bench");
        var clock = services.GetRequiredService<DepartmentClock>();
        var database = await BenchDatabase.EnsureAsync(dir, tickets, clock, output);
        var scratch = Path.Combine(dir, $"followups-{Environment.ProcessId}.db");
        File.Copy(database.File, scratch, overwrite: true);
        try
        {
            var factory = BenchDatabase.Factory(scratch);
            var followUps = new FollowUpService(factory, clock);
            await using (var db = await factory.CreateDbContextAsync())
            {
                output.WriteLine($"{database.File}: {await db.Callbacks.CountAsync():N0} callbacks, {await db.Complaints.CountAsync():N0} complaints, " +
                                 $"{await db.FollowUpItems.CountAsync():N0} follow-up items; working on a copy");
                await db.FollowUpChanges.ExecuteDeleteAsync();
                await db.FollowUpItems.ExecuteDeleteAsync();
            }

            await TimeAsync("every item, from none", followUps, output);
            for (var run = 1; run <= 3; run++)
            {
                await TimeAsync($"nothing to derive ({run})", followUps, output);
            }

            var csv = await ChangedCallbacksAsync(factory, clock, changed, dir);
            var watch = Stopwatch.StartNew();
            var import = await new ImportService(factory, clock).ImportAsync(csv, Path.GetFileName(csv), new ImportOptions(UserName: "bench"));
            output.WriteLine($"{"import of the changed callbacks",-40} {watch.Elapsed.TotalSeconds,8:0.000} s  ({import.Updated:N0} updated, {import.Rejected} rejected)");
            File.Delete(csv);
            await TimeAsync("after the import", followUps, output);
            await TimeAsync("nothing to derive (after)", followUps, output);
            return import.FatalError is null ? CommandLine.Ok : CommandLine.Failed;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { scratch, scratch + "-wal", scratch + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static async Task TimeAsync(string what, FollowUpService followUps, TextWriter output)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var opened = await followUps.SyncAsync();
        var wall = watch.Elapsed;
        process.Refresh();
        output.WriteLine($"{what,-40} {wall.TotalSeconds,8:0.000} s  cpu {(process.TotalProcessorTime - cpu).TotalSeconds:0.000} s  {opened:N0} items opened");
    }

    /// <summary>A callbacks file re-importing <paramref name="count"/> reached, satisfied callbacks as 非常不满意.</summary>
    private static async Task<string> ChangedCallbacksAsync(IDbContextFactory<Data.Persistence.ServiceInsightsDbContext> factory, DepartmentClock clock,
        int count, string dir)
    {
        await using var db = await factory.CreateDbContextAsync();
        var callbacks = await db.Callbacks.AsNoTracking().Where(c => c.Reached && c.Satisfaction >= 4 && c.Solved != false && c.TicketNo != null)
            .OrderBy(c => c.Id).Take(count).Select(c => new { c.CallbackNo, c.TicketNo, c.At, c.Staff }).ToListAsync();
        var csv = new StringBuilder("回访编号,工单号,回访时间,是否接通,满意度,回访人\n");
        foreach (var c in callbacks)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{c.CallbackNo},{c.TicketNo},{clock.ToLocal(c.At):yyyy-MM-dd HH:mm},是,非常不满意,{c.Staff}\n");
        }

        var path = Path.Combine(dir, $"followups-callbacks-{Environment.ProcessId}.csv");
        await File.WriteAllTextAsync(path, csv.ToString(), Encoding.UTF8);
        return path;
    }
}
