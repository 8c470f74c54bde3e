using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Tools.SeedData;
using ServiceInsights.Web.Cli;
using ServiceInsights.Data.Settings;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tools.Bench;

/// <summary>
/// <c>bench [--rows N] [--dir D] [--fresh]</c>: generates N synthetic tickets as a CSV with every ticket column, previews
/// it and then imports it into a fresh SQLite database through the real import, as the web's upload does (with
/// <c>--fresh</c>: imports it at once, as the CLI's import verb does), and prints rows/s, wall time, CPU time and peak
/// memory; then times the <c>sqlite3</c> shell's own <c>.import</c> of the same file into a fresh database and prints the
/// ratio. CPU times are printed too: on a shared machine they vary far less than the wall times.
/// </summary>
public static class BenchVerbs
{
    /// <summary>The bench database's default month and as-of: October of the seed year, as of when the seed year was exported.</summary>
    private const string BenchMonth = "2026-10";
    internal const string BenchAsOf = "2026-11-28T09:00";

    public static async Task<int> BenchAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var rows = options.PositiveNumber("rows", 100_000);
        var dir = options.Get("dir") ?? Path.Combine(Path.GetTempPath(), $"si-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var csv = Path.Combine(dir, $"tickets-{rows}.csv");
        var clock = services.GetRequiredService<DepartmentClock>();

        var watch = Stopwatch.StartNew();
        await WriteTicketsAsync(csv, rows);
        output.WriteLine($"generated {rows:N0} tickets in {watch.Elapsed.TotalSeconds:0.0} s: {csv} ({new FileInfo(csv).Length / 1048576.0:0.0} MB)");

        // As the web's upload runs it: a preview (a dry run over the whole file) and then the import, in a process whose
        // start-up compiling has settled. With --fresh, as the CLI's import verb runs it: the import at once in a fresh
        // process, its code compiled as it goes.
        var fresh = options.Has("fresh");
        if (!fresh)
        {
            var settledFirst = await RuntimeSettle.WaitAsync();
            var preview = await ImportOnceAsync(dir, csv, rows, clock, dryRun: true);
            output.WriteLine($"preview (dry run):      {preview}; load average {LoadAverage()} (settled {settledFirst.Seconds:0.0} s before)");
            await RuntimeSettle.WaitAsync();
        }

        var import = await ImportOnceAsync(dir, csv, rows, clock, dryRun: false);
        output.WriteLine($"{(fresh ? "import, fresh process:" : "import after preview: ")}  {import}; load average {LoadAverage()}");

        var shell = await SqliteShellImportAsync(csv, Path.Combine(dir, "shell.db"));
        if (shell is ({ } seconds, var shellCpu))
        {
            output.WriteLine($"sqlite3 .import:        {rows:N0} rows in {seconds:0.00} s = {rows / seconds:N0} rows/s" +
                             (shellCpu is { } c ? $"; CPU {c:0.00} s" : ""));
            output.WriteLine($"ratio (ours / sqlite3): {import.Wall.TotalSeconds / seconds:0.00}x (target ≤ 2.00x)" +
                             (shellCpu is { } d and > 0 ? $"; CPU {import.Cpu.TotalSeconds / d:0.00}x" : ""));
        }
        else
        {
            output.WriteLine("sqlite3 shell not found (apt-get install -y sqlite3): no baseline measured");
        }

        return CommandLine.Ok;
    }

    private sealed record ImportRun(int Rows, TimeSpan Wall, TimeSpan Cpu, long Start, long Peak, TimeSpan GcPauses, int[] Collections)
    {
        public override string ToString() =>
            $"{Rows:N0} rows in {Wall.TotalSeconds:0.00} s = {Rows / Wall.TotalSeconds:N0} rows/s; CPU {Cpu.TotalSeconds:0.00} s; " +
            $"collector paused {GcPauses.TotalSeconds:0.00} s ({Collections[0]}/{Collections[1]}/{Collections[2]} collections of gen 0/1/2); " +
            $"peak working set {Peak / 1048576.0:N0} MB (start {Start / 1048576.0:N0} MB, +{(Peak - Start) / 1048576.0:N0} MB)";
    }

    /// <summary>The real import (or its dry run) of the file into a fresh, migrated database (<c>bench.db</c>), with its wall
    /// time, the process's CPU time (all threads), the collector's pauses and the peak working set.</summary>
    private static async Task<ImportRun> ImportOnceAsync(string dir, string csv, int rows, DepartmentClock clock, bool dryRun)
    {
        var database = Path.Combine(dir, "bench.db");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        DeleteDatabase(database);
        var settings = DatabaseSettings.Resolve("Sqlite", $"Data Source={database}", dir);
        var factory = new SqliteContextFactory(settings.ConnectionString);
        await factory.MigrateAsync(settings);

        GC.Collect();
        var baseline = Environment.WorkingSet;
        using var sampler = new PeakSampler();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var paused = GC.GetTotalPauseDuration();
        int[] Collections() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var collections = Collections();
        var watch = Stopwatch.StartNew();
        var result = await new ImportService(factory, clock).ImportAsync(csv, Path.GetFileName(csv), new ImportOptions(DryRun: dryRun, UserName: "bench"));
        var wall = watch.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        paused = GC.GetTotalPauseDuration() - paused;
        collections = [.. Collections().Zip(collections, (after, before) => after - before)];
        if (result.FatalError is not null || result.New != rows)
        {
            throw new InvalidOperationException($"bench import failed: {result.FatalError ?? $"{result.New} of {rows} stored"}");
        }

        return new ImportRun(rows, wall, cpu, baseline, sampler.Peak, paused, collections);
    }

    /// <summary>
    /// <c>bench writes [--rows N] [--dir D]</c>: how long a short write waits while a large file is previewed and while it is
    /// imported (issue 20, item 4). N synthetic tickets (default 1,000,000) go through the real preview, then the real
    /// import, into a fresh SQLite database; meanwhile a settings change (a calendar day set and cleared, with its audit
    /// row — the same kind of short transaction as a failed sign-in or an 8D autosave) runs every 250 ms on its own
    /// connection. Prints each phase's duration and the writes' count, median, 95th percentile and longest wait, against ≤ 2 s.
    /// </summary>
    public static async Task<int> WritesAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var rows = options.PositiveNumber("rows", 1_000_000);
        var dir = options.Get("dir") ?? Path.Combine(Path.GetTempPath(), $"si-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var csv = Path.Combine(dir, $"tickets-{rows}.csv");
        var clock = services.GetRequiredService<DepartmentClock>();
        await WriteTicketsAsync(csv, rows);
        var database = Path.Combine(dir, "writes.db");
        DeleteDatabase(database);
        var settings = DatabaseSettings.Resolve("Sqlite", $"Data Source={database}", dir);
        var factory = new SqliteContextFactory(settings.ConnectionString);
        await factory.MigrateAsync(settings);
        output.WriteLine($"{rows:N0} tickets ({new FileInfo(csv).Length / 1048576.0:0} MB) into a fresh database; load average {LoadAverage()}");

        var longest = TimeSpan.Zero;
        foreach (var dryRun in new[] { true, false })
        {
            var import = new ImportService(factory, clock);
            var store = new SettingsStore(factory, clock);
            using var stop = new CancellationTokenSource();
            // One write before the phase: the first one builds EF's model and compiles its queries, which is not waiting.
            await store.SetDayAsync(new DateOnly(2026, 12, 31), null, null, "bench");
            var waits = new List<TimeSpan>();
            var failures = 0;
            var writer = Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var watch = Stopwatch.StartNew();
                    try
                    {
                        await store.SetDayAsync(new DateOnly(2026, 12, 31), i % 2 == 0 ? CalendarDayKind.OffDay : null, "bench", "bench");
                    }
                    catch (Exception ex) when (ex is DbUpdateException or Microsoft.Data.Sqlite.SqliteException)
                    {
                        failures++; // "database is locked" after the provider's 30 s default timeout
                    }

                    waits.Add(watch.Elapsed);
                    await Task.Delay(250);
                }
            });

            var phase = Stopwatch.StartNew();
            var result = await import.ImportAsync(csv, Path.GetFileName(csv), new ImportOptions(DryRun: dryRun, UserName: "bench"));
            var elapsed = phase.Elapsed;
            await stop.CancelAsync();
            await writer;
            if (result.FatalError is not null)
            {
                throw new InvalidOperationException($"bench import failed: {result.FatalError}");
            }

            waits.Sort();
            longest = waits.Count > 0 && waits[^1] > longest ? waits[^1] : longest;
            output.WriteLine($"{(dryRun ? "preview" : "import ")}: {rows:N0} rows in {elapsed.TotalSeconds:0.0} s; {waits.Count} settings writes meanwhile: " +
                             $"median {Percentile(waits, 0.5):0.000} s, p95 {Percentile(waits, 0.95):0.000} s, longest {(waits.Count > 0 ? waits[^1].TotalSeconds : 0):0.000} s, " +
                             $"{failures} failed");
        }

        output.WriteLine($"longest wait {longest.TotalSeconds:0.00} s (target ≤ 2 s: {(longest <= TimeSpan.FromSeconds(2) ? "met" : "NOT met")})");
        return CommandLine.Ok;
    }

    private static double Percentile(List<TimeSpan> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)].TotalSeconds;

    /// <summary>
    /// <c>bench kpi</c>: one month's full KPI set through <see cref="KpiService.RunAsync"/> (not the web's cache) on a
    /// <see cref="BenchDatabase"/> of N tickets: the first run (cold: JIT, fresh connection pool) and several warm runs in
    /// the same process, peak working set, and two rules counted by hand-written SQL in the sqlite3 shell on the same file.
    /// </summary>
    public static async Task<int> KpiAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var tickets = options.PositiveNumber("tickets", 1_000_000);
        var month = options.Month(BenchMonth);
        var asOf = options.AsOf(BenchAsOf)!.Value;
        var dir = options.Get("dir") ?? Path.Combine(Path.GetTempPath(), "si-bench");
        var clock = services.GetRequiredService<DepartmentClock>();

        var database = await BenchDatabase.EnsureAsync(dir, tickets, clock, output);
        output.WriteLine($"{(database.Reused ? "reused" : $"built in {database.BuildTime.TotalSeconds:0.0} s ({database.Copies} copies of the seed year)")}: " +
                         $"{database.File} ({new FileInfo(database.File).Length / 1048576.0:N0} MB)");
        output.WriteLine("  " + string.Join(", ", database.Rows.Select(r => $"{r.Value:N0} {r.Key}")));

        var factory = BenchDatabase.Factory(database.File);
        var kpi = new KpiService(new MetricQuery(factory, clock), new SettingsStore(factory, clock), clock);
        GC.Collect();
        var baseline = Environment.WorkingSet;
        var baselinePrivate = PeakSampler.PrivateResident();
        using var sampler = new PeakSampler();
        // CPU time beside wall time: on a shared machine the wall time mostly measures the other processes.
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var report = await kpi.RunAsync(month, asOf);
        var cold = watch.Elapsed;
        process.Refresh();
        var coldCpu = process.TotalProcessorTime - cpu;
        var warm = new List<TimeSpan>();
        var warmCpu = new List<TimeSpan>();
        // The collector's share of the warm runs: its pauses stop every thread, and its work is most of the runs' variance.
        var pausedBefore = GC.GetTotalPauseDuration();
        int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        for (var i = 0; i < 5; i++)
        {
            cpu = process.TotalProcessorTime;
            watch.Restart();
            report = await kpi.RunAsync(month, asOf);
            warm.Add(watch.Elapsed);
            process.Refresh();
            warmCpu.Add(process.TotalProcessorTime - cpu);
        }

        var paused = (GC.GetTotalPauseDuration() - pausedBefore) / warm.Count;
        var collections = string.Join("/", collectionsBefore.Select((before, gen) => ((GC.CollectionCount(gen) - before) / (double)warm.Count).ToString("0.#", CultureInfo.InvariantCulture)));
        warm.Sort();
        warmCpu.Sort();
        // What one report keeps alive (its verdicts and reasons) once the garbage is gone, beside the peaks above, which
        // also hold the next run's load and whatever the collector had not yet reclaimed.
        var retained = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(report);
        // Where a warm run's time goes: loading the snapshots, then each rule (sequentially here, in parallel in the run).
        var sla = await new SettingsStore(factory, clock).GetSlaAsync();
        var calendar = await new SettingsStore(factory, clock).GetCalendarAsync();
        var query = new MetricQuery(factory, clock);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        watch.Restart();
        var inputs = await query.LoadAsync(month, clock.ToUtc(asOf), sla);
        var load = watch.Elapsed;
        var loadAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var context = new MetricContext(sla, calendar, asOf);
        allocated = GC.GetTotalAllocatedBytes(precise: true);
        var rules = MetricCatalog.All.Select(definition =>
        {
            var ruleWatch = Stopwatch.StartNew();
            MetricCatalog.Evaluate(definition, inputs, context);
            return (definition.Id, Seconds: ruleWatch.Elapsed.TotalSeconds);
        }).ToList();
        var rulesAllocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var monthTickets = report["CS-1a"].Eligible + report["CS-1a"].Pending;
        output.WriteLine($"KPI {month} as of {asOf:yyyy-MM-dd HH:mm}, {report.Results.Count} rules, {monthTickets:N0} tickets in the month:");
        output.WriteLine($"  cold {cold.TotalSeconds:0.000} s; warm ×{warm.Count}: min {warm[0].TotalSeconds:0.000} s, median {warm[warm.Count / 2].TotalSeconds:0.000} s " +
                         $"(target ≤ 1 s); peak working set {sampler.Peak / 1048576.0:N0} MB (start {baseline / 1048576.0:N0} MB), " +
                         $"of it private (not mapped file pages) {sampler.PeakPrivate / 1048576.0:N0} MB (start {baselinePrivate / 1048576.0:N0} MB)");
        output.WriteLine($"  managed heap after a run, the report alive: {retained / 1048576.0:N0} MB; {report.Results.Sum(r => r.Verdicts.Count):N0} verdicts");
        output.WriteLine($"  CPU time (all threads): cold {coldCpu.TotalSeconds:0.000} s; warm min {warmCpu[0].TotalSeconds:0.000} s, " +
                         $"median {warmCpu[warmCpu.Count / 2].TotalSeconds:0.000} s; load average {LoadAverage()}");
        output.WriteLine($"  collector per warm run: {collections} collections (gen 0/1/2; a gen-2 one may be background), paused {paused.TotalMilliseconds:0} ms");

        output.WriteLine($"  phases (one warm run, rules one after another): load {load.TotalSeconds:0.000} s ({loadAllocated / 1048576.0:N0} MB allocated), " +
                         $"rules {rules.Sum(r => r.Seconds):0.000} s ({rulesAllocated / 1048576.0:N0} MB allocated); " +
                         "slowest rules: " + string.Join(", ", rules.OrderByDescending(r => r.Seconds).Take(5).Select(r => $"{r.Id} {r.Seconds:0.000} s")));

        var (from, to) = clock.UtcRange(month);
        var shell = await SqliteShellCountAsync(database.File, KpiCountSql(from, to, clock.ToUtc(asOf)));
        output.WriteLine("hand-written SQL in the sqlite3 shell:");
        output.WriteLine(KpiCountSql(from, to, clock.ToUtc(asOf)));
        if (shell is { } counted)
        {
            output.WriteLine($"  sqlite3: {counted.Output.ReplaceLineEndings("; ")} in {counted.Seconds:0.000} s (process wall time)");
        }
        else
        {
            output.WriteLine("  sqlite3 shell not found (apt-get install -y sqlite3): no baseline measured");
        }

        foreach (var id in new[] { "CS-1a", "CS-7c" })
        {
            output.WriteLine($"  engine:  {id}|{report[id].Eligible}|{report[id].Met}");
        }

        return CommandLine.Ok;
    }

    /// <summary>
    /// <c>bench reports</c>: every report's PDF and Excel for one month of the <see cref="BenchDatabase"/>, each in a process
    /// of its own (this program again, with <c>--only KIND.FORMAT</c>), so every figure is that download's alone: an app host
    /// pointed at the bench file runs the same <see cref="ReportDefinition"/> the endpoint does, once cold (the engine's run of
    /// the month, twelve months for the KPI report, through <see cref="KpiCache"/>) and then warm (the month cached, as for
    /// the page's next download), with wall time, CPU time, the process's peak working set, its peak private memory and the
    /// file size against the targets (PDF ≤ 1 s, Excel ≤ 5 s and ≤ 400 MB).
    /// </summary>
    public static async Task<int> ReportsAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var tickets = options.PositiveNumber("tickets", 1_000_000);
        var month = options.Month(BenchMonth);
        var asOf = options.AsOf(BenchAsOf)!.Value;
        var runs = options.PositiveNumber("runs", 3);
        var dir = options.Get("dir") ?? Path.Combine(Path.GetTempPath(), "si-bench");
        var database = await BenchDatabase.EnsureAsync(dir, tickets, services.GetRequiredService<DepartmentClock>(), output);
        if (options.Get("only") is { } only)
        {
            return await ReportOnceAsync(database.File, only, month, asOf, runs, output);
        }

        output.WriteLine($"{database.File} ({new FileInfo(database.File).Length / 1048576.0:N0} MB): " +
                         string.Join(", ", database.Rows.Select(row => $"{row.Value:N0} {row.Key}")));
        output.WriteLine($"Reports for {month} as of {asOf:yyyy-MM-dd HH:mm}, each download in a fresh process; load average {LoadAverage()}");
        output.WriteLine("peak MB: the process's working set, with the database pages SQLite maps (OS page cache, shared); private MB: without them");
        output.WriteLine($"{"report",-12} {"format",-6} {"cold s",8} {"warm s",8} {"CPU s",7} {"peak MB",8} {"private MB",10} {"size KB",9}  target");
        foreach (var report in services.GetServices<ReportDefinition>())
        {
            foreach (var format in ExportFormats.All)
            {
                var line = await RunSelfAsync(["bench", "reports", "--tickets", $"{tickets}", "--month", $"{month}", "--asof", $"{asOf:yyyy-MM-dd'T'HH:mm}",
                    "--runs", $"{runs}", "--dir", dir, "--only", $"{report.Segment}.{ExportFormats.Extension(format)}"]);
                output.WriteLine(line);
            }
        }

        return CommandLine.Ok;
    }

    /// <summary>One report in one format, in this process: the figures as one line of the table.</summary>
    private static async Task<int> ReportOnceAsync(string databaseFile, string only, ReportMonth month, DateTime asOf, int runs, TextWriter output)
    {
        using var sampler = new PeakSampler();
        var culture = new CultureInfo(Localization.Chinese);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;

        // The app's composition, pointed at the bench database: the exports run exactly as behind the endpoints.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Error);
        builder.Configuration["Database:Provider"] = "Sqlite";
        builder.Configuration["ConnectionStrings:ServiceInsights"] = $"Data Source={databaseFile}";
        builder.AddServiceInsights();
        await using var app = builder.Build();

        var parts = only.Split('.');
        var export = parts.Length == 2 ? app.Services.GetServices<ReportDefinition>().Find(parts[0]) : null;
        if (export is null || !ExportFormats.TryParse(parts[^1], out var format))
        {
            throw new CliUsageException($"--only '{only}' is not a report and format such as callbacks.pdf or kpi.xlsx");
        }

        var process = Process.GetCurrentProcess();
        var watch = Stopwatch.StartNew();
        var file = await export.ExportAsync(month, asOf, format);
        var cold = watch.Elapsed;
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        var warm = new List<(TimeSpan Wall, TimeSpan Cpu)>();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            watch.Restart();
            file = await export.ExportAsync(month, asOf, format);
            var wall = watch.Elapsed;
            process.Refresh();
            warm.Add((wall, process.TotalProcessorTime - cpu));
        }

        var median = warm.OrderBy(w => w.Wall).ElementAt(warm.Count / 2);
        var target = format == ExportFormat.Pdf ? "≤ 1 s" : "≤ 5 s, ≤ 400 MB";
        output.WriteLine($"{export.Segment,-12} {ExportFormats.Extension(format),-6} {cold.TotalSeconds,8:0.000} " +
                         $"{median.Wall.TotalSeconds,8:0.000} {median.Cpu.TotalSeconds,7:0.000} {PeakSampler.PeakResident() / 1048576.0,8:N0} " +
                         $"{sampler.PeakPrivate / 1048576.0,10:N0} {file.Content.Length / 1024.0,9:N0}  {target}");
        return CommandLine.Ok;
    }

    /// <summary>Runs this program again with <paramref name="args"/> and returns what it printed (its last line).</summary>
    private static async Task<string> RunSelfAsync(IReadOnlyList<string> args)
    {
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host);
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BenchVerbs).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var run = await RunProcessAsync(start, []) ?? throw new InvalidOperationException($"{host} could not be started.");
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return run.ExitCode == 0 && lines.Length > 0 ? lines[^1] : $"failed (exit {run.ExitCode}): {(run.Output + run.Errors).Trim()}";
    }

    /// <summary>
    /// Runs a program with <paramref name="input"/> as its standard input, reading its output and errors as they come, and
    /// returns them with its exit code and the wall time from its start; null when the program is not installed.
    /// </summary>
    private static async Task<(int ExitCode, string Output, string Errors, double Seconds)?> RunProcessAsync(ProcessStartInfo start, IReadOnlyList<string> input)
    {
        (start.RedirectStandardInput, start.RedirectStandardOutput, start.RedirectStandardError, start.UseShellExecute) = (true, true, true, false);
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        if (process is null)
        {
            return null;
        }

        using (process)
        {
            var watch = Stopwatch.StartNew();
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            foreach (var line in input)
            {
                await process.StandardInput.WriteLineAsync(line);
            }

            process.StandardInput.Close();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output, await errors, watch.Elapsed.TotalSeconds);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) + $" on {Environment.ProcessorCount} cores" : "n/a";

    /// <summary>CS-1a (the month's tickets; met: SMS confirmed by as-of) and CS-7c (the month's callbacks that reached the
    /// customer; met: solved, running normally and satisfaction all answered), as eligible|met. Instants are stored as UTC
    /// text in EF's <c>yyyy-MM-dd HH:mm:ss</c> form, so text comparison orders them.</summary>
    private static string KpiCountSql(DateTime fromUtc, DateTime toUtc, DateTime asOfUtc)
    {
        static string Sql(DateTime utc) => "'" + utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "'";
        return $"""
                SELECT 'CS-1a', COUNT(*), COALESCE(SUM(SmsConfirmedAt IS NOT NULL AND SmsConfirmedAt <= {Sql(asOfUtc)}), 0)
                  FROM Tickets WHERE ReceivedAt >= {Sql(fromUtc)} AND ReceivedAt < {Sql(toUtc)};
                SELECT 'CS-7c', COUNT(*), COALESCE(SUM(Solved IS NOT NULL AND RunningNormally IS NOT NULL AND Satisfaction IS NOT NULL), 0)
                  FROM Callbacks WHERE At >= {Sql(fromUtc)} AND At < {Sql(toUtc)} AND At <= {Sql(asOfUtc)} AND Reached = 1;
                """;
    }

    private static async Task<(string Output, double Seconds)?> SqliteShellCountAsync(string database, string sql) =>
        await RunProcessAsync(new ProcessStartInfo("sqlite3", ["-batch", "-readonly", database]), [sql]) is { } run
            ? (run.Output.Trim(), run.Seconds)
            : null;

    private static async Task WriteTicketsAsync(string path, int rows)
    {
        string[] customers = ["山东省寿光市农业农村局", "河南省植保植检站", "江苏省盐城市植物保护站", "中国农业科学院植物保护研究所", "南京农业大学", "黑龙江省农垦总局"];
        string[] products = ["虫情测报灯", "孢子捕捉仪", "植保四情监测系统", "墒情监测站", "光照培养箱", "人工气候培养箱", "种子发芽箱", "叶绿素测定仪"];
        string[] origins = ["自产", "外购", "进口"];
        string[] staff = ["张丽", "王芳", "李强", "赵敏", "刘洋", "陈静"];
        var random = new Random(20261128);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 16);
        await writer.WriteLineAsync(string.Join(",", RecordSchemas.Tickets.Fields.Select(f => f.Chinese)));
        var start = new DateTime(2025, 12, 1, 8, 30, 0);
        var line = new StringBuilder(512);
        for (var i = 0; i < rows; i++)
        {
            var received = start.AddMinutes(i % 525_600 * 0.9 + random.Next(30));
            var product = random.Next(products.Length);
            line.Clear()
                .Append("GD").Append(i.ToString("D8", CultureInfo.InvariantCulture)).Append(',')
                .Append(Format(received)).Append(',')
                .Append(random.Next(3) == 0 ? "销售转达" : "电话").Append(',')
                .Append(customers[random.Next(customers.Length)]).Append(',')
                .Append("山东省潍坊市寿光市圣城街道").Append(random.Next(1, 999)).Append("号,")
                .Append("联系人").Append(random.Next(100)).Append(',')
                .Append("138").Append(random.Next(10_000_000, 99_999_999)).Append(',')
                .Append(random.Next(10) == 0 ? "是" : "否").Append(',')
                .Append(products[product]).Append(',')
                .Append("TP-").Append(product).Append("00,")
                .Append("SN").Append(random.Next(100_000, 999_999)).Append(',')
                .Append("2024-0").Append(random.Next(1, 9)).Append("-1").Append(random.Next(0, 9)).Append(',')
                .Append(origins[product % 3]).Append(',')
                .Append("咨询,")
                .Append("设备无法联网，数据不上传,")
                .Append("远程指导重新配置网络参数,")
                .Append(',')
                .Append(staff[random.Next(staff.Length)]).Append(',')
                .Append(Format(received.AddMinutes(5))).Append(',')
                .Append(Format(received.AddMinutes(random.Next(10, 120)))).Append(',')
                .Append(Format(received.AddHours(4))).Append(',')
                .Append(Format(received.AddMinutes(random.Next(60, 900)))).Append(',')
                .Append(Format(received.AddDays(1)));
            await writer.WriteLineAsync(line);
        }
    }

    private static string Format(DateTime local) => local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The shell's <c>.import</c> of the file into a fresh database: its wall time and its CPU time (null where
    /// /proc is missing).</summary>
    private static async Task<(double Seconds, double? Cpu)?> SqliteShellImportAsync(string csv, string database)
    {
        DeleteDatabase(database);
        var cpu = ChildrenCpuSeconds();
        var run = await RunProcessAsync(new ProcessStartInfo("sqlite3", [database]),
            [".mode csv", $".import '{csv.Replace("'", "''", StringComparison.Ordinal)}' tickets", ".quit"]);
        return run is { } done ? (done.Seconds, ChildrenCpuSeconds() - cpu) : null;
    }

    /// <summary>The CPU time of this process's finished children (<c>cutime</c> + <c>cstime</c> of <c>/proc/self/stat</c>).</summary>
    private static double? ChildrenCpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 16 and 17 of stat(5); the text after the command name starts at field 3. Clock ticks: 100 a second on Linux.
            return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void DeleteDatabase(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
    }

    /// <summary>Samples the process working set every 50 ms: the peak during the import, not since the process began.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak = Environment.WorkingSet;
        private long _peakPrivate = PrivateResident();

        public PeakSampler() => _timer = new Timer(_ =>
        {
            Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), Environment.WorkingSet));
            Interlocked.Exchange(ref _peakPrivate, Math.Max(Interlocked.Read(ref _peakPrivate), PrivateResident()));
        }, null, 0, 50);

        public long Peak => Math.Max(Interlocked.Read(ref _peak), Environment.WorkingSet);

        /// <summary>The peak of the process's own (anonymous) resident memory: the working set without mapped file pages,
        /// such as SQLite's memory map of the database, which belong to the OS page cache (0 where /proc is missing).</summary>
        public long PeakPrivate => Math.Max(Interlocked.Read(ref _peakPrivate), PrivateResident());

        public void Dispose() => _timer.Dispose();

        /// <summary>The process's peak working set since it started, as the kernel counts it (<c>VmHWM</c>; the current
        /// working set where /proc is missing).</summary>
        public static long PeakResident() => Status("VmHWM:") is { } peak and > 0 ? peak : Environment.WorkingSet;

        public static long PrivateResident() => Status("RssAnon:") ?? 0;

        /// <summary>A "kB" line of <c>/proc/self/status</c> in bytes; null where it is missing.</summary>
        private static long? Status(string name)
        {
            try
            {
                var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal));
                return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}
