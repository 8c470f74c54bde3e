using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Web.Cli;

/// <summary>
/// <c>bench [--rows N] [--dir D]</c>: generates N synthetic tickets as a CSV with every ticket column, imports it into a
/// fresh SQLite database through the real import, and prints rows/s, wall time and peak memory; then times the
/// <c>sqlite3</c> shell's own <c>.import</c> of the same file into a fresh database and prints the ratio. The import's
/// CPU time (all threads of this process) is printed too: on a shared machine it varies far less than the wall time.
/// </summary>
public static class BenchVerbs
{
    public static async Task<int> BenchAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var rows = int.TryParse(options.Get("rows") ?? "100000", NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new CliUsageException("--rows must be a positive whole number");
        var dir = options.Get("dir") ?? Path.Combine(Path.GetTempPath(), $"si-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        var csv = Path.Combine(dir, $"tickets-{rows}.csv");
        var clock = services.GetRequiredService<DepartmentClock>();

        var watch = Stopwatch.StartNew();
        await WriteTicketsAsync(csv, rows);
        output.WriteLine($"generated {rows:N0} tickets in {watch.Elapsed.TotalSeconds:0.0} s: {csv} ({new FileInfo(csv).Length / 1048576.0:0.0} MB)");

        var database = Path.Combine(dir, "bench.db");
        DeleteDatabase(database);
        var settings = DatabaseSettings.Resolve("Sqlite", $"Data Source={database}", dir);
        var factory = new SqliteFactory(settings.ConnectionString);
        await factory.MigrateAsync(settings);

        GC.Collect();
        var baseline = Environment.WorkingSet;
        using var sampler = new PeakSampler();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        watch.Restart();
        var result = await new ImportService(factory, clock).ImportAsync(csv, Path.GetFileName(csv), new ImportOptions(UserName: "bench"));
        var ours = watch.Elapsed;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        if (result.FatalError is not null || result.New != rows)
        {
            throw new InvalidOperationException($"bench import failed: {result.FatalError ?? $"{result.New} of {rows} stored"}");
        }

        output.WriteLine($"ServiceInsights import: {rows:N0} rows in {ours.TotalSeconds:0.00} s = {rows / ours.TotalSeconds:N0} rows/s; " +
                         $"peak working set {sampler.Peak / 1048576.0:N0} MB (start {baseline / 1048576.0:N0} MB, +{(sampler.Peak - baseline) / 1048576.0:N0} MB); " +
                         $"CPU {cpu.TotalSeconds:0.00} s");

        var shell = await SqliteShellImportAsync(csv, Path.Combine(dir, "shell.db"));
        if (shell is { } seconds)
        {
            output.WriteLine($"sqlite3 .import:        {rows:N0} rows in {seconds:0.00} s = {rows / seconds:N0} rows/s");
            output.WriteLine($"ratio (ours / sqlite3): {ours.TotalSeconds / seconds:0.00}x (target ≤ 2.00x)");
        }
        else
        {
            output.WriteLine("sqlite3 shell not found (apt-get install -y sqlite3): no baseline measured");
        }

        return CommandLine.Ok;
    }

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

    private static async Task<double?> SqliteShellImportAsync(string csv, string database)
    {
        DeleteDatabase(database);
        var start = new ProcessStartInfo("sqlite3", [database]) { RedirectStandardInput = true, RedirectStandardError = true, RedirectStandardOutput = true };
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

        var watch = Stopwatch.StartNew();
        await process.StandardInput.WriteLineAsync(".mode csv");
        await process.StandardInput.WriteLineAsync($".import '{csv.Replace("'", "''", StringComparison.Ordinal)}' tickets");
        await process.StandardInput.WriteLineAsync(".quit");
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return watch.Elapsed.TotalSeconds;
    }

    private static void DeleteDatabase(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(path + suffix);
        }
    }

    private sealed class SqliteFactory(string connectionString) : IDbContextFactory<ServiceInsightsDbContext>
    {
        public ServiceInsightsDbContext CreateDbContext() => new SqliteServiceInsightsDbContext(
            new DbContextOptionsBuilder<SqliteServiceInsightsDbContext>().UseSqlite(connectionString, DatabaseSetup.ConfigureSqlite).Options);
    }

    /// <summary>Samples the process working set every 50 ms: the peak during the import, not since the process began.</summary>
    private sealed class PeakSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak = Environment.WorkingSet;

        public PeakSampler() => _timer = new Timer(_ => Interlocked.Exchange(ref _peak, Math.Max(Interlocked.Read(ref _peak), Environment.WorkingSet)), null, 0, 50);

        public long Peak => Math.Max(Interlocked.Read(ref _peak), Environment.WorkingSet);

        public void Dispose() => _timer.Dispose();
    }
}
