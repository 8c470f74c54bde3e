using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Settings;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Hosting;
using ServiceInsights.Web.Import;

namespace ServiceInsights.Tests.Hosting;

/// <summary>
/// Issue #20 item 8: two app instances on one SQLite file. A is the real app hosted in the test process; B is the same
/// app started as a process of its own (<c>dotnet ServiceInsights.Web.dll</c>) on the same file. A cookie issued by A
/// signs in on B, a setting changed and an import committed on A show on B, and A's rejected rows download through B; both
/// derive the follow-up items of an import on A (A as it commits, B on its timer) and each item is opened once (decision 034).
/// </summary>
public sealed class MultiInstanceTests : IAsyncLifetime
{
    private const string Kpi = "/api/kpi/2026-10?asOf=2026-11-27T00:00";
    // Both instances look for other instances' changes every second (FollowUps:PollSeconds), so that they derive together.
    private readonly AppFactory _a = new() { Settings = { ["FollowUps:PollSeconds"] = "1" } };
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _bOutput = new();
    private readonly TempFolder _folder = new();
    private Process? _b;
    private HttpClient _toB = null!;

    public async Task InitializeAsync()
    {
        _a.CreateAnonymousClient().Dispose(); // starts A: migrations, demo users
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ServiceInsights.Web.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ConnectionStrings__ServiceInsights"] = $"Data Source={_a.DatabaseFile}",
                ["Database__Provider"] = "Sqlite",
                ["DemoUsers__Enabled"] = "true",
                ["SeedData__Enabled"] = "false",
                ["Logging__LogLevel__Default"] = "Warning",
                ["FollowUps__PollSeconds"] = "1",
            },
        };
        _b = Process.Start(start)!;
        _b.OutputDataReceived += (_, line) => _bOutput.Enqueue(line.Data ?? "");
        _b.ErrorDataReceived += (_, line) => _bOutput.Enqueue(line.Data ?? "");
        _b.BeginOutputReadLine();
        _b.BeginErrorReadLine();
        _toB = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await _toB.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.False(_b.HasExited, $"instance B exited with {(_b.HasExited ? _b.ExitCode : 0)}");
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(90), "instance B did not start within 90 s");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task TwoInstancesShareSignInSettingsDataAndDownloads()
    {
        // Signed in on A, the cookie works on B: the data-protection keys are in the database.
        var cookie = await _a.SignInForCookieAsync();
        var before = await KpiOnBAsync(cookie);
        Assert.Contains("≤ 60 business minutes", Target(before, "CS-3a"));

        // A setting changed on A shows on B (its settings and KPI caches read the data version from the database).
        var settings = _a.Services.GetRequiredService<SettingsStore>();
        await settings.SaveSlaAsync(await settings.GetSlaAsync() with { ResponseMinutes = 45 }, "admin");
        var changed = await EventuallyOnBAsync(cookie, json => Target(json, "CS-3a").Contains("≤ 45 business minutes"));
        var eligibleBefore = Eligible(changed, "CS-3a");

        // An import committed on A (as the Import page runs it: under the lease) moves B's figures.
        var csv = ImportFileBuilder.Csv(_folder, "tickets.csv", ImportFileBuilder.Utf8, ["工单号", "来电时间", "首次响应时间", "客服"],
            ["GD-MULTI-1", "2026-10-12 10:00", "2026-10-12 10:20", "张敏"]);
        await using (await _a.Services.GetRequiredService<ImportLease>().AcquireAsync(ImportLease.Holder("admin")))
        {
            var result = await _a.Services.GetRequiredService<ImportService>().ImportAsync(csv, "tickets.csv", new ImportOptions(null, DryRun: false, "admin"));
            Assert.Null(result.FatalError);
            Assert.Equal(1, result.New);
        }

        await EventuallyOnBAsync(cookie, json => Eligible(json, "CS-3a") == eligibleBefore + 1);

        // A's rejected rows download through B, for the user who ran the import only.
        await using var scope = _a.Services.CreateAsyncScope();
        var admin = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(DemoUsers.All.Single(u => u.Role == AppRoles.Admin).Email);
        var token = await _a.Services.GetRequiredService<RejectedRowsStore>().KeepAsync(ImportResults.TicketsWithRejections(dryRun: false), admin!.Id);
        var download = await GetOnBAsync(ImportEndpoints.RejectedRowsUrl(token), cookie);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        using var workbook = new XLWorkbook(await download.Content.ReadAsStreamAsync());
        Assert.Contains(workbook.Worksheets.SelectMany(s => s.CellsUsed()), c => c.GetString() == "T-0004");
    }

    [Fact]
    public async Task TwoInstancesDeriveTheItemsOfAnImportOnceBetweenThem()
    {
        const int unsatisfied = 2500;
        var tickets = ImportFileBuilder.Csv(_folder, "tickets.csv", ImportFileBuilder.Utf8,
            [["工单号", "来电时间", "客服"], .. Enumerable.Range(1, unsatisfied).Select(i => new[] { $"GD-F{i}", "2026-10-12 10:00", "张敏" })]);
        var callbacks = ImportFileBuilder.Csv(_folder, "callbacks.csv", ImportFileBuilder.Utf8,
            [["回访编号", "工单号", "回访时间", "是否接通", "满意度", "回访人"],
                .. Enumerable.Range(1, unsatisfied).Select(i => new[] { $"HF-F{i}", $"GD-F{i}", "2026-10-20 10:00", "是", "非常不满意", "张敏" })]);
        var derivation = _a.Services.GetRequiredService<Web.FollowUps.FollowUpDerivationQueue>();
        await derivation.IdleAsync();
        await using (await _a.Services.GetRequiredService<ImportLease>().AcquireAsync(ImportLease.Holder("admin")))
        {
            var import = _a.Services.GetRequiredService<ImportService>();
            Assert.True((await import.ImportAsync(tickets, "tickets.csv", new ImportOptions(null, DryRun: false, "admin"))).Clean);
            Assert.True((await import.ImportAsync(callbacks, "callbacks.csv", new ImportOptions(null, DryRun: false, "admin"))).Clean);
        }

        // A derives as the import commits; B sees the data version move within a second and derives too.
        await derivation.IdleAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await derivation.IdleAsync();

        await using var db = new Data.Persistence.SqliteContextFactory($"Data Source={_a.DatabaseFile};Pooling=False").CreateDbContext();
        var keys = await db.FollowUpItems.Where(i => i.DerivedKey!.StartsWith("CALLBACK:HF-F")).Select(i => i.Id).ToListAsync();
        Assert.Equal(unsatisfied, keys.Count);
        Assert.Equal(unsatisfied, await db.FollowUpChanges.CountAsync(c => keys.Contains(c.ItemId) && c.Field == "Opened"));
        // Neither instance failed or collided on the unique key: each checks a slice's keys under SQLite's write lock.
        Assert.DoesNotContain(_a.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.False(_bOutput.Any(line => line.StartsWith("fail:", StringComparison.Ordinal)), string.Join("\n", _bOutput));
    }

    private async Task<string> KpiOnBAsync(string cookie)
    {
        var response = await GetOnBAsync(Kpi, cookie);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>B notices another instance's change within its data-version refresh (a second) and a new engine run.</summary>
    private async Task<string> EventuallyOnBAsync(string cookie, Func<string, bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var json = await KpiOnBAsync(cookie);
            if (condition(json))
            {
                return json;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"B still answers {json}");
            await Task.Delay(200);
        }
    }

    private async Task<HttpResponseMessage> GetOnBAsync(string url, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await _toB.SendAsync(request);
    }

    private static JsonElement Metric(string json, string id) =>
        JsonDocument.Parse(json).RootElement.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);

    private static string Target(string json, string id) => Metric(json, id).GetProperty("target").GetString()!;

    private static int Eligible(string json, string id) => Metric(json, id).GetProperty("eligible").GetInt32();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Task DisposeAsync()
    {
        if (_b is { HasExited: false })
        {
            _b.Kill(entireProcessTree: true);
            _b.WaitForExit(10_000);
        }

        _b?.Dispose();
        _toB?.Dispose();
        _a.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
