using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Import;

/// <summary>The import's atomicity when the process dies: the real executable, killed halfway through a large file, then started again.</summary>
public class ImportKillTests
{
    [Fact]
    public async Task AnImportWhoseProcessIsKilledLeavesTheDatabaseAsItWas()
    {
        using var folder = new TempFolder();
        var database = folder.File("kill.db");
        var small = ImportFileBuilder.Csv(folder, "small.csv", ImportFileBuilder.Utf8, ["工单号", "来电时间", "客户单位"],
            ["GD-KEEP-1", "2026-03-05 10:00", "南京农业大学"], ["GD-KEEP-2", "2026-03-05 11:00", "河南省植保植检站"]);
        var big = await BigFileAsync(folder, 500_000);

        Assert.Equal(0, (await RunAsync(folder, database, small)).ExitCode);
        var before = Snapshot(database);

        using var process = Start(folder, database, big);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(process.HasExited, "the import finished before it could be killed; make the file larger");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        // The import committed in slices (decision 030): the next start of any instance or verb undoes the dead one's.
        Assert.Equal(0, (await RunAsync(folder, database, ["users", "list"])).ExitCode);
        Assert.Equal(before, Snapshot(database));
        using (var history = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            history.Open();
            using var statuses = history.CreateCommand();
            statuses.CommandText = "SELECT group_concat(Status, ',') FROM (SELECT Status FROM ImportBatches ORDER BY Id);";
            var recorded = (string)statuses.ExecuteScalar()!;
            Assert.True(recorded is "Committed" or "Committed,Failed", recorded); // the killed import is in the history when it had begun writing
        }

        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", check.ExecuteScalar());
    }

    [Fact]
    public async Task AnImportWhoseProcessIsKilledIsUndoneByARunningAppWithoutARestart()
    {
        using var app = new Hosting.AppFactory { Settings = { ["Import:RecoverySeconds"] = "1" } };
        app.CreateAnonymousClient().Dispose(); // the app runs on the file throughout; nothing else starts after the kill
        var database = app.DatabaseFile;
        using var folder = new TempFolder();
        var small = ImportFileBuilder.Csv(folder, "small.csv", ImportFileBuilder.Utf8, ["工单号", "来电时间", "客户单位"],
            ["GD00000001", "2026-03-05 10:00", "南京农业大学"], ["GD-KEEP-2", "2026-03-05 11:00", "河南省植保植检站"]);
        var big = await BigFileAsync(folder, 500_000);
        Assert.Equal(0, (await RunAsync(folder, database, small)).ExitCode);
        var before = Snapshot(database);

        using var process = Start(folder, database, big); // updates GD00000001, inserts the rest
        var watch = Stopwatch.StartNew();
        while (Count(database, "SELECT count(*) FROM Tickets;") < 10_000)
        {
            Assert.False(process.HasExited, "the import finished before it could be killed; make the file larger");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "the import committed no slice within 60 s");
            await Task.Delay(100);
        }

        // Running until the kill; the running app's recovery may undo it any moment after.
        Assert.Equal(1, Count(database, "SELECT count(*) FROM ImportBatches WHERE Status = 'Running';"));
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        watch.Restart();
        while (Count(database, "SELECT count(*) FROM ImportBatches WHERE Status = 'Running';") > 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), "the running app did not undo the killed import within 30 s");
            await Task.Delay(200);
        }

        Assert.Equal(before, Snapshot(database));
        Assert.Equal(1, Count(database, "SELECT count(*) FROM ImportBatches WHERE Status = 'Failed';"));
    }

    private static async Task<string> BigFileAsync(TempFolder folder, int rows)
    {
        var big = folder.File("big.csv");
        await using var writer = new StreamWriter(big, false, new UTF8Encoding(true));
        await writer.WriteLineAsync("工单号,来电时间,客户单位,问题描述,解决方案,客服,首次响应时间,解决时间");
        for (var i = 0; i < rows; i++)
        {
            await writer.WriteLineAsync($"GD{i:D8},2026-03-05 10:{i % 60:D2},山东省寿光市农业农村局,设备无法联网，数据不上传,远程指导重新配置网络参数,张丽,2026-03-05 11:00,2026-03-06 09:00");
        }

        return big;
    }

    private static long Count(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Snapshot(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT group_concat(TicketNo || '|' || ContentHash, ',') FROM Tickets) || ' / ' || (SELECT count(*) FROM ImportBatches WHERE Status <> 'Failed') " +
                              "|| ' / ' || (SELECT count(*) FROM sqlite_master WHERE name LIKE 'ImportUndo%');";
        return (string)command.ExecuteScalar()!;
    }

    private static Task<Process> RunAsync(TempFolder folder, string database, string file) => RunAsync(folder, database, ["import", file]);

    private static async Task<Process> RunAsync(TempFolder folder, string database, string[] arguments)
    {
        var process = Start(folder, database, arguments);
        await process.WaitForExitAsync();
        return process;
    }

    private static Process Start(TempFolder folder, string database, string file) => Start(folder, database, ["import", file]);

    private static Process Start(TempFolder folder, string database, string[] arguments)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "ServiceInsights.Web.exe" : "ServiceInsights.Web");
        var start = new ProcessStartInfo(executable, arguments)
        {
            WorkingDirectory = folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__ServiceInsights"] = $"Data Source={database}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
