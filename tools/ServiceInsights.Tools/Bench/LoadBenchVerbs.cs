using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ServiceInsights.Data.Domain;
using ServiceInsights.Web.Cli;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tools.Bench;

/// <summary>
/// <c>bench load</c>: the web app under concurrent users, over loopback. Starts this program as the web server
/// on the bench database, signs in once, and has N clients ask <c>/api/kpi/{month}</c> for S seconds: first all with the
/// same as-of (warm: the cache and the single flight answer), then each request with an as-of of its own (every one an
/// engine run, queued behind the engine limit, and evicted from the bounded cache). Prints per phase the requests, errors,
/// p50/p95/p99/max latency and the server's peak private memory (RssAnon).
/// </summary>
public static class LoadBenchVerbs
{
    public static async Task<int> LoadAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var tickets = options.PositiveNumber("tickets", 1_000_000);
        var clients = options.PositiveNumber("clients", 20);
        var seconds = options.PositiveNumber("seconds", 60);
        var month = options.Month("2026-10");
        var asOf = options.AsOf("2026-11-28T09:00")!.Value;
        var dir = options.Get("dir") ?? Path.Combine(Path.GetTempPath(), "si-bench");
        var database = await BenchDatabase.EnsureAsync(dir, tickets, services.GetRequiredService<DepartmentClock>(), output);
        output.WriteLine($"database: {database.File} ({string.Join(", ", database.Rows.Select(r => $"{r.Value:N0} {r.Key}"))})");

        var port = BenchServer.FreePort();
        using var server = BenchServer.StartServer(database.File, port);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = clients * 2 })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5),
            };
            await BenchServer.WaitUntilUpAsync(http, server);
            var cookie = await BenchServer.SignInAsync(http);
            var fixedUrl = $"/api/kpi/{month}?asOf={asOf:yyyy-MM-dd'T'HH:mm}";
            var watch = Stopwatch.StartNew();
            var first = await BenchServer.GetAsync(http, fixedUrl, cookie);
            output.WriteLine($"first request (cold engine run): {watch.Elapsed.TotalSeconds:0.00} s, HTTP {first}");

            output.WriteLine(await RunPhaseAsync("same as-of (warm)", http, cookie, clients, seconds, server, _ => fixedUrl));
            var next = 0;
            output.WriteLine(await RunPhaseAsync("a different as-of on each request", http, cookie, clients, seconds, server,
                _ => $"/api/kpi/{month}?asOf={asOf.AddMinutes(-Interlocked.Increment(ref next)):yyyy-MM-dd'T'HH:mm}"));
            output.WriteLine($"load average {File.ReadAllText("/proc/loadavg").Trim()} on {Environment.ProcessorCount} cores");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        return CommandLine.Ok;
    }

    private static async Task<string> RunPhaseAsync(string name, HttpClient http, string cookie, int clients, int seconds, Process server,
        Func<int, string> url)
    {
        var latencies = new List<double>[clients];
        var errors = 0;
        var peakPrivate = 0L;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        using var sampler = new Timer(_ => Interlocked.Exchange(ref peakPrivate, Math.Max(Interlocked.Read(ref peakPrivate), BenchServer.PrivateResident(server.Id))),
            null, 0, 100);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var mine = latencies[client] = [];
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var status = await BenchServer.GetAsync(http, url(client), cookie);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (status != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? 0 : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"{name}: {clients} clients, {watch.Elapsed.TotalSeconds:0} s, {all.Length:N0} requests ({all.Length / watch.Elapsed.TotalSeconds:0.0}/s), " +
            $"{errors} errors; p50 {Percentile(0.50):0} ms, p95 {Percentile(0.95):0} ms, p99 {Percentile(0.99):0} ms, max {all.LastOrDefault():0} ms; " +
            $"server peak private memory {peakPrivate / 1048576.0:N0} MB (target: p95 ≤ 1000 ms, max ≤ 3000 ms warm; ≤ 1024 MB)");
    }

}
