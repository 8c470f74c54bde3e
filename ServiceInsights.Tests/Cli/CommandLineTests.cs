using Microsoft.EntityFrameworkCore;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Cli;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Tests.Cli;

public class CommandLineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr, builder =>
            builder.Configuration["ConnectionStrings:ServiceInsights"] = _folder.SqliteConnectionString("cli.db"));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("migrate", true)]
    [InlineData("users", true)]
    [InlineData("--help", true)]
    [InlineData("--urls=http://localhost:5000", false)]
    [InlineData("serve", false)]
    [InlineData("nosuchverb", true)]
    [InlineData("urls=http://localhost:5000", false)]
    public void RecognisesVerbsButLeavesHostArgumentsToTheWebServer(string first, bool isCommand) =>
        Assert.Equal(isCommand, CommandLine.IsCommand([first]));

    [Fact]
    public async Task HelpListsEveryVerbWithItsOptions()
    {
        var (exit, output, _) = await RunAsync("--help");
        Assert.Equal(0, exit);
        Assert.Contains("migrate", output);
        Assert.Contains("users add --email E --role R --password P", output);
        Assert.Contains("users list", output);
    }

    [Fact]
    public async Task MigrateCreatesABrandNewDatabaseFile()
    {
        var (exit, output, _) = await RunAsync("migrate");
        Assert.Equal(0, exit);
        Assert.Contains("up to date", output);
        Assert.True(File.Exists(_folder.File("cli.db")));
    }

    [Fact]
    public async Task AddsAUserOnABrandNewDatabaseAndListsIt()
    {
        var added = await RunAsync("users", "add", "--email", "wang@example.cn", "--role", "manager", "--password", "Strong#Pass1", "--name", "王经理");
        Assert.Equal(0, added.Exit);
        Assert.Contains("Created wang@example.cn (manager)", added.Out);

        var listed = await RunAsync("users", "list");
        Assert.Equal(0, listed.Exit);
        Assert.Matches(@"wang@example\.cn\s+Manager\s+王经理", listed.Out);
    }

    /// <summary>The verb and the Users page share UserAccounts.SetPhoneAsync: validated, and in the settings' history in the same save.</summary>
    [Fact]
    public async Task APhoneIsValidatedAndEveryChangeIsInTheSettingsHistory()
    {
        Assert.Equal(0, (await RunAsync("users", "add", "--email", "wf@example.cn", "--role", "Staff", "--password", "Strong#Pass1", "--name", "王芳")).Exit);

        var bad = await RunAsync("users", "phone", "--email", "wf@example.cn", "--phone", "call me");
        Assert.NotEqual(0, bad.Exit);
        Assert.Contains("is not a phone number", bad.Err);
        Assert.Equal(0, (await RunAsync("users", "phone", "--email", "wf@example.cn", "--phone", "0531-88880000", "--by", "admin@example.cn")).Exit);
        Assert.Equal(0, (await RunAsync("users", "phone", "--email", "wf@example.cn", "--phone", "")).Exit);

        await using var db = new SqliteContextFactory(_folder.SqliteConnectionString("cli.db")).CreateDbContext();
        var changes = db.SettingChanges.Where(c => c.Setting == "User.Phone:wf@example.cn").OrderBy(c => c.Id).ToList();
        Assert.Equal([("admin@example.cn", null, "0531-88880000"), (UsersVerbs.CommandLineUser, "0531-88880000", null)],
            changes.Select(c => (c.UserName, c.OldValue, c.NewValue)));
        Assert.Null(db.Users.Single(u => u.Email == "wf@example.cn").PhoneNumber);
    }

    [Theory]
    [InlineData("unknown role 'Boss'", "users", "add", "--email", "a@b.cn", "--role", "Boss", "--password", "Strong#Pass1")]
    [InlineData("option --password is required", "users", "add", "--email", "a@b.cn", "--role", "Staff")]
    [InlineData("option --email needs a value", "users", "add", "--email")]
    [InlineData("unknown option --mail", "users", "add", "--mail", "a@b.cn")]
    [InlineData("Passwords must", "users", "add", "--email", "a@b.cn", "--role", "Staff", "--password", "weak")]
    public async Task FailsWithOneLineAndNonZeroExit(string reason, params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);
        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error);
        Assert.Contains(reason, error, StringComparison.OrdinalIgnoreCase);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task RefusesASecondUserWithTheSameEmail()
    {
        Assert.Equal(0, (await RunAsync("users", "add", "--email", "li@example.cn", "--role", "Staff", "--password", "Strong#Pass1")).Exit);
        var again = await RunAsync("users", "add", "--email", "li@example.cn", "--role", "Admin", "--password", "Strong#Pass1");
        Assert.Equal(CommandLine.Failed, again.Exit);
        Assert.Contains("already exists", again.Err);
    }

    [Fact]
    public async Task ImportExitsZeroWhenEveryRowIsStoredThreeWhenSomeAreRejectedAndTwoWhenAFileIsUnreadable()
    {
        var good = ImportFileBuilder.Csv(_folder, "good.csv", ImportFileBuilder.Gb18030, ["工单号", "来电时间"], ["GD1", "2026-03-05 10:00"]);
        var mixed = ImportFileBuilder.Csv(_folder, "mixed.csv", ImportFileBuilder.Utf8, ["TicketNo", "ReceivedAt"], ["GD2", "2026-03-05 10:00"], ["GD3", "soon"]);
        var unreadable = ImportFileBuilder.Csv(_folder, "notes.csv", ImportFileBuilder.Utf8, ["说明"], ["无"]);

        var ok = await RunAsync("import", good);
        Assert.Equal(0, ok.Exit);
        Assert.Contains("good.csv: 1 rows — 1 new, 0 updated, 0 unchanged, 0 rejected", ok.Out);

        var some = await RunAsync("import", mixed, "--kind", "tickets");
        Assert.Equal(3, some.Exit);
        Assert.Contains("rejected: mixed.csv, row 3, ReceivedAt: 'soon' not a date-time", some.Out);

        var bad = await RunAsync("import", good, unreadable, mixed);
        Assert.Equal(2, bad.Exit);
        Assert.Contains("notes.csv: NOT IMPORTED", bad.Out);
        Assert.Contains("good.csv: 1 rows — 0 new, 0 updated, 1 unchanged", bad.Out);
    }

    [Fact]
    public async Task ARefusedFileExitsTwoNamingItAndTheNextFileStillRunsAndALongValueIsPrintedAsItsStart()
    {
        var stray = _folder.File("stray.csv");
        await File.WriteAllTextAsync(stray, "工单号,来电时间,问题描述\nGD1,2026-03-05 10:00,\"离线\nGD2,2026-03-05 11:00,正常\n");
        var key = new string('K', 50_000);
        var good = ImportFileBuilder.Csv(_folder, "good.csv", ImportFileBuilder.Utf8, ["工单号", "来电时间"], ["GD3", "2026-03-05 10:00"], [key, "2026-03-05 10:00"]);

        var (exit, output, _) = await RunAsync("import", stray, good);

        Assert.Equal(2, exit);
        Assert.Contains("stray.csv: NOT IMPORTED — stray.csv: the quoted value that opens on line 2 never closes", output);
        Assert.Contains("good.csv: 2 rows — 1 new, 0 updated, 0 unchanged, 1 rejected", output);
        Assert.Contains($"工单号: '{new string('K', 100)}…' the value is too long", output);
        Assert.True(output.Length < 3000, $"the output is {output.Length} characters");
    }

    [Fact]
    public async Task ImportDryRunStoresNothing()
    {
        var good = ImportFileBuilder.Csv(_folder, "good.csv", ImportFileBuilder.Utf8Bom, ["工单号", "来电时间"], ["GD1", "2026-03-05 10:00"]);
        var preview = await RunAsync("import", good, "--dry-run");
        Assert.Equal(0, preview.Exit);
        Assert.Contains("(dry run: nothing stored)", preview.Out);
        var real = await RunAsync("import", good);
        Assert.Contains("1 new", real.Out);
    }

    [Fact]
    public async Task ImportRefusesAnUnknownKind()
    {
        var (exit, _, error) = await RunAsync("import", "x.csv", "--kind", "invoices");
        Assert.Equal(CommandLine.Usage, exit);
        Assert.Contains("unknown kind 'invoices'", error);
    }

    [Fact]
    public async Task KpiJsonPrintsExactlyOneObjectWithEveryRuleOfTheDictionary()
    {
        var good = ImportFileBuilder.Csv(_folder, "t.csv", ImportFileBuilder.Utf8, ["工单号", "来电时间", "首次响应时间"],
            ["GD1", "2026-10-12 09:00", "2026-10-12 09:30"], ["GD2", "2026-10-12 09:00", "2026-10-12 11:00"]);
        Assert.Equal(0, (await RunAsync("import", good)).Exit);

        var (exit, output, _) = await RunAsync("kpi", "--month", "2026-10", "--asof", "2026-11-27T00:00", "--json");

        Assert.Equal(0, exit);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("2026-10", root.GetProperty("month").GetString());
        Assert.Equal("2026-11-27T00:00", root.GetProperty("asOf").GetString());
        Assert.True(root.GetProperty("calendarComplete").GetBoolean());
        var metrics = root.GetProperty("metrics").EnumerateArray().ToList();
        Assert.Equal(27, metrics.Count);
        var cs3a = metrics.Single(m => m.GetProperty("id").GetString() == "CS-3a");
        Assert.Equal((2, 1, 0.5), (cs3a.GetProperty("eligible").GetInt32(), cs3a.GetProperty("met").GetInt32(), cs3a.GetProperty("rate").GetDouble()));
        // The target rate (default 95 %), the rate's status (2 records: a small sample) and whether the month is closed.
        Assert.Equal((0.95, "small"), (cs3a.GetProperty("targetRate").GetDouble(), cs3a.GetProperty("status").GetString()));
        Assert.Equal("none", metrics.Single(m => m.GetProperty("id").GetString() == "CS-4b").GetProperty("status").GetString());
        Assert.False(root.GetProperty("closed").GetBoolean());
    }

    [Fact]
    public async Task KpiJsonOfAPastMonthWithAnExplicitAsOfIsTheSameAfterALaterImport()
    {
        async Task ImportAsync(IReadOnlyList<(string Name, string[][] Rows)> files)
        {
            var paths = files.Select(f => ImportFileBuilder.Csv(_folder, f.Name, ImportFileBuilder.Utf8, f.Rows)).ToArray();
            var (exit, _, error) = await RunAsync(["import", .. paths]);
            Assert.True(exit == 0, error);
        }

        string[] asOfJson = ["kpi", "--month", "2026-11", "--asof", "2026-11-20T12:00", "--json"];
        string[] laterJson = ["kpi", "--month", "2026-11", "--asof", "2026-11-30T18:00", "--json"];
        await ImportAsync(AsOfFiles.Early());
        var before = await RunAsync(asOfJson);
        var laterBefore = await RunAsync(laterJson);

        await ImportAsync(AsOfFiles.Late());
        var after = await RunAsync(asOfJson);
        var laterAfter = await RunAsync(laterJson);

        Assert.Equal(0, before.Exit);
        Assert.Equal(before.Out, after.Out);
        Assert.NotEqual(laterBefore.Out, laterAfter.Out); // the later file changes the month as known later
    }

    [Fact]
    public async Task KpiReadsAsATableAndSaysWhenTheHolidayScheduleIsMissing()
    {
        var (exit, output, _) = await RunAsync("kpi", "--month", "2027-03", "--asof", "2027-04-01");
        Assert.Equal(0, exit);
        Assert.Contains("holiday schedule is not loaded", output);
        Assert.Contains("CP-2e", output);
    }

    [Theory]
    [InlineData("--month", "2026-13", "is not a month")]
    [InlineData("--month", "2026-10", "--asof", "tomorrow", "is not a local date-time")]
    [InlineData("--month", "9999-12", "is not a month")]
    [InlineData("--month", "2099-12", "is outside the years of the working calendar (2022–2027)")]
    [InlineData("--month", "2021-12", "is outside the years of the working calendar (2022–2027)")]
    [InlineData("--month", "2026-10", "--asof", "9999-12-31T23:59", "is outside the years of the working calendar")]
    [InlineData("--month", "2026-10", "--asof", "0001-01-01", "is outside the years of the working calendar")]
    public async Task KpiRefusesBadArgumentsWithTheUsageExitCode(params string[] args)
    {
        var (exit, _, error) = await RunAsync(["kpi", .. args[..^1]]);
        Assert.Equal(CommandLine.Usage, exit);
        Assert.Contains(args[^1], error);
    }

    [Fact]
    public async Task ReportRefusesAMonthOutsideTheCalendarYears()
    {
        var (exit, _, error) = await RunAsync("report", "callbacks", "--month", "2099-01", "--format", "pdf", "--out", Path.Combine(_folder.Path, "x.pdf"));
        Assert.Equal(CommandLine.Usage, exit);
        Assert.Contains("outside the years of the working calendar", error);
    }

    [Theory]
    [InlineData("nosuchverb")]
    [InlineData("users", "remove")]
    public async Task AnUnknownVerbListsTheVerbsAndExitsTwo(params string[] args)
    {
        Assert.True(CommandLine.IsCommand(args), "an unknown word is a verb to refuse, not a reason to start the server");
        var (exit, output, error) = await RunAsync(args);
        Assert.Equal(CommandLine.Usage, exit);
        Assert.Equal("", output);
        Assert.StartsWith($"error: unknown verb '{string.Join(' ', args)}'", error);
        Assert.Contains("migrate, users add", error);
        Assert.Contains(", import,", error);
        Assert.Contains("serve", error);
    }

    /// <summary>
    /// Decision 034: the CLI has no timer, so an import waits for the derivation it starts before the process ends, and a
    /// verb that prints the items (report) derives first — no server need be running on the database.
    /// </summary>
    [Fact]
    public async Task AnImportDerivesTheFollowUpItemsBeforeItEndsAndTheReportVerbDerivesFirst()
    {
        var paths = AsOfFiles.Early().Select(f => ImportFileBuilder.Csv(_folder, f.Name, ImportFileBuilder.Utf8, f.Rows)).ToArray();
        var imported = await RunAsync(["import", .. paths]);
        Assert.True(imported.Exit == 0, imported.Err);
        var database = new SqliteContextFactory(_folder.SqliteConnectionString("cli.db"));
        await using (var db = database.CreateDbContext())
        {
            // TS1 was promised for 2026-11-26 17:00 and is not closed.
            Assert.Equal(["OVERDUE:TS1"], await db.FollowUpItems.Select(i => i.DerivedKey).ToListAsync());
            // A callback stored without an import (nothing derives it) until a verb that reads the items runs.
            db.Callbacks.Add(new CallbackBuilder().No("HF9").Ticket("GD1").At("2026-11-19 10:00").Satisfaction(1).Build());
            await db.SaveChangesAsync();
        }

        var path = _folder.File("callbacks.xlsx");
        var report = await RunAsync("report", "callbacks", "--month", "2026-11", "--format", "xlsx", "--out", path);

        Assert.True(report.Exit == 0, report.Err);
        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(["CALLBACK:HF9", "OVERDUE:TS1"], await db.FollowUpItems.OrderBy(i => i.DerivedKey).Select(i => i.DerivedKey).ToListAsync());
        }

        using var workbook = new ClosedXML.Excel.XLWorkbook(path);
        Assert.Contains(workbook.Worksheet("整改跟踪").CellsUsed(), c => c.GetString() == "HF9");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
