using System.Diagnostics;
using System.Globalization;
using System.Net;
using ServiceInsights.Data.Domain;
using ServiceInsights.Web.Cli;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tools.Bench;

/// <summary>
/// <c>bench month</c>: a month as the department reads it, each figure from a freshly started web server on the bench
/// database (nothing of the month in memory: the cold case).
/// <list type="number">
/// <item>Prepare: the eleven months before the month get their stored summaries (what the background queue leaves after an
/// import), and the month before is closed (<c>month close</c>), unless the database already has both.</item>
/// <item>The cold dashboard: <c>GET /kpi?month=M</c>, the prerendered page with its 27 cards and trends.</item>
/// <item>The cold KPI report: <c>GET /reports/kpi/M.pdf</c> and <c>.xlsx</c>, each in a fresh server.</item>
/// <item>A closed month's download: the archived KPI report of the month before, first request after start, then warm.</item>
/// <item>Memory: three users open three different months' dashboards and download their KPI reports at once; the server's
/// private memory (RssAnon), peak and after.</item>
/// </list>
/// </summary>
public static class MonthBenchVerbs
{
    private static readonly TimeSpan ColdTarget = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ClosedTarget = TimeSpan.FromSeconds(0.3);
    private const long MemoryTarget = 1L << 30;

    public static async Task<int> MonthAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var tickets = options.PositiveNumber("tickets", 1_000_000);
        var month = options.Month("2026-10");
        var dir = options.Get("dir") ?? Path.Combine(Path.GetTempPath(), "si-bench");
        var database = await BenchDatabase.EnsureAsync(dir, tickets, services.GetRequiredService<DepartmentClock>(), output);
        output.WriteLine($"database: {database.File} ({string.Join(", ", database.Rows.Select(r => $"{r.Value:N0} {r.Key}"))})");
        var closed = month.Previous;
        var manager = DemoUsers.All.First(u => u.Role == AppRoles.Manager);
        var admin = DemoUsers.All.First(u => u.Role == AppRoles.Admin);

        // 1. What an app that has run for a while holds: the stored summaries of the months before, the month before closed.
        var watch = Stopwatch.StartNew();
        await WithServerAsync(database.File, async (http, _) =>
        {
            var cookie = await BenchServer.SignInAsync(http, manager);
            await ExpectOkAsync(http, $"/reports/kpi/{month}.pdf", cookie);
            return 0;
        });
        output.WriteLine($"prepare: the KPI report {month}.pdf once, storing any missing summaries of the eleven months before: {watch.Elapsed.TotalSeconds:0.0} s");
        var status = await BenchServer.RunVerbAsync(database.File, ["month", "status", $"{closed}"]);
        if (!IsClosed(status.Output, closed))
        {
            watch.Restart();
            var close = await BenchServer.RunVerbAsync(database.File, ["month", "close", $"{closed}", "--by", manager.Email]);
            if (close.ExitCode != 0)
            {
                throw new InvalidOperationException($"month close {closed} failed ({close.ExitCode}): {close.Output}");
            }

            output.WriteLine($"prepare: month close {closed} (the KPI set, scorecards and sixteen archived files): {watch.Elapsed.TotalSeconds:0.0} s");
        }

        output.WriteLine($"each figure below is the first request to a freshly started server; load average {LoadAverage()}");
        output.WriteLine($"{"what",-44} {"seconds",8}  target");

        // 2. and 3. The cold dashboard and the cold KPI report, each in its own fresh server.
        await ColdAsync(output, database.File, manager, $"dashboard /kpi?month={month}", $"/kpi?month={month}", ColdTarget,
            body => body.Contains("data-testid=\"kpi-intro\"", StringComparison.Ordinal));
        foreach (var extension in new[] { "pdf", "xlsx" })
        {
            await ColdAsync(output, database.File, manager, $"KPI report {month}.{extension}", $"/reports/kpi/{month}.{extension}", ColdTarget, _ => true);
        }

        // 4. The closed month's archived file: first request after start, then warm.
        await WithServerAsync(database.File, async (http, _) =>
        {
            var cookie = await BenchServer.SignInAsync(http, manager);
            var url = $"/reports/kpi/{closed}.pdf";
            Print(output, $"closed {closed}.pdf, first after start", await TimeAsync(http, url, cookie, _ => true), ClosedTarget);
            var warm = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                warm.Add(await TimeAsync(http, url, cookie, _ => true));
            }

            Print(output, $"closed {closed}.pdf, warm median of 5", warm.Order().ElementAt(2), ClosedTarget);
            return 0;
        });

        // 5. Three users, three months, at once.
        await WithServerAsync(database.File, async (http, server) =>
        {
            var peak = 0L;
            using var sampler = new Timer(_ => Interlocked.Exchange(ref peak, Math.Max(Interlocked.Read(ref peak), BenchServer.PrivateResident(server.Id))),
                null, 0, 100);
            var users = new[] { (manager, month), (admin, month.Previous.Previous), (manager, month.Previous.Previous.Previous) };
            watch.Restart();
            await Task.WhenAll(users.Select(async u =>
            {
                var cookie = await BenchServer.SignInAsync(http, u.Item1);
                await ExpectOkAsync(http, $"/kpi?month={u.Item2}", cookie);
                await ExpectOkAsync(http, $"/reports/kpi/{u.Item2}.pdf", cookie);
            }));
            var wall = watch.Elapsed.TotalSeconds;
            await Task.Delay(TimeSpan.FromSeconds(2));
            var after = BenchServer.PrivateResident(server.Id);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"three users ({string.Join(", ", users.Select(u => u.Item2))}): dashboard + KPI report PDF each, {wall:0.0} s; " +
                $"server private memory peak {Interlocked.Read(ref peak) / 1048576.0:N0} MB, after {after / 1048576.0:N0} MB " +
                $"(target ≤ {MemoryTarget / 1048576} MB) {(Math.Max(peak, after) <= MemoryTarget ? "met" : "NOT MET")}"));
            return 0;
        });
        output.WriteLine($"load average {LoadAverage()} on {Environment.ProcessorCount} cores");
        return CommandLine.Ok;
    }

    /// <summary>Whether <c>month status M</c> lists a close in force (a reopened one says "reopened").</summary>
    private static bool IsClosed(string status, ReportMonth month) =>
        status.Split('\n').Any(l => l.StartsWith($"{month} revision", StringComparison.Ordinal) && !l.Contains("reopened", StringComparison.OrdinalIgnoreCase));

    private static Task ColdAsync(TextWriter output, string database, DemoUsers.DemoUser user, string what, string url, TimeSpan target,
        Func<string, bool> check) =>
        WithServerAsync(database, async (http, _) =>
        {
            var cookie = await BenchServer.SignInAsync(http, user);
            Print(output, what, await TimeAsync(http, url, cookie, check), target);
            return 0;
        });

    private static void Print(TextWriter output, string what, double seconds, TimeSpan target) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-44} {seconds,8:0.000}  ≤ {target.TotalSeconds:0.0#} s {(seconds <= target.TotalSeconds ? "met" : "NOT MET")}"));

    /// <summary>One GET, timed to the last byte; the body must be a 200 that passes <paramref name="check"/>.</summary>
    private static async Task<double> TimeAsync(HttpClient http, string url, string cookie, Func<string, bool> check)
    {
        var started = Stopwatch.GetTimestamp();
        var body = await ExpectOkAsync(http, url, cookie);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (!check(body))
        {
            throw new InvalidOperationException($"{url} answered without the figures it should show");
        }

        return seconds;
    }

    private static async Task<string> ExpectOkAsync(HttpClient http, string url, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var body = response.Content.Headers.ContentType?.MediaType == "text/html" ? System.Text.Encoding.UTF8.GetString(bytes) : "";
        return response.StatusCode == HttpStatusCode.OK
            ? body
            : throw new InvalidOperationException($"GET {url}: HTTP {(int)response.StatusCode}");
    }

    /// <summary>A fresh server on the database for one step, killed after it.</summary>
    private static async Task<T> WithServerAsync<T>(string database, Func<HttpClient, Process, Task<T>> step)
    {
        var port = BenchServer.FreePort();
        using var server = BenchServer.StartServer(database, port);
        try
        {
            using var http = BenchServer.Client(port);
            await BenchServer.WaitUntilUpAsync(http, server);
            return await step(http, server);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
