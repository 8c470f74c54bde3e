using System.IO.Compression;
using System.Text;
using ClosedXML.Excel;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Import;

/// <summary>
/// The import probed as an attacker and a careless user would (issue 20): string and row bombs, a stray quote, mixed
/// encodings, full-width digits, 1e29, times in impossible order, a failure nobody foresaw. Every probe file is made
/// here; none is committed.
/// </summary>
public sealed class ImportHardeningTests : IAsyncLifetime
{
    private static readonly string[] Headers = ["工单号", "来电时间", "客户单位", "问题描述", "首次响应时间", "解决时间"];

    private readonly TempFolder _folder = new();
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await new TestDatabase().MigrateAsync();

    private ImportService Service(ImportLimits? limits = null) =>
        new(_database.Factory, new DepartmentClock(DepartmentClock.FindTimeZone(null), FixedTimeProvider.AtLocal(2026, 11, 28)), null, limits);

    private Task<ImportResult> ImportAsync(string path, ImportLimits? limits = null, bool dryRun = false, IProgress<ImportProgress>? progress = null) =>
        Service(limits).ImportAsync(path, Path.GetFileName(path), new ImportOptions(null, dryRun, "tester"), progress);

    private static string[] Ticket(int i, string problem = "设备无法联网") =>
        [$"GD{i:D6}", "2026-10-05 09:00", "寿光市农业农村局", problem, "2026-10-05 09:30", "2026-10-06 10:00"];

    private async Task<int> TicketCountAsync()
    {
        await using var db = _database.Open();
        return await db.Tickets.CountAsync();
    }

    [Fact]
    public async Task AStringBombInACsvRejectsItsRowWithTheFirstHundredCharactersAndKeepsTheRest()
    {
        var bomb = "问题" + new string('长', 3_000_000);
        var path = ImportFileBuilder.Csv(_folder, "bomb.csv", ImportFileBuilder.Utf8, [Headers, Ticket(1), Ticket(2, bomb), Ticket(3)]);

        var result = await ImportAsync(path);

        Assert.Null(result.FatalError);
        Assert.Equal((2, 1), (result.New, result.Rejected));
        var rejection = Assert.Single(result.Rejections);
        var error = Assert.Single(rejection.Errors);
        Assert.Equal((RejectionReason.TooLong, "问题描述"), (error.Reason, error.Column));
        Assert.Equal(bomb[..ImportLimits.EchoLength] + "…", error.RawValue);
        Assert.True(rejection.Describe(chinese: true).Length < 300);
        Assert.All(rejection.Cells, c => Assert.True(c.Length <= ImportLimits.Default.LongTextLength + 1));
        Assert.Equal(2, await TicketCountAsync());
    }

    [Fact]
    public async Task AStringBombInAWorkbookIsCutBeforeTheReaderHoldsItAndRejectsItsRow()
    {
        // Excel and ClosedXML stop at 32,767 characters a cell; the package itself does not, so the values go in afterwards.
        var bomb = new string('x', 2_000_000);
        var key = new string('K', 50_000);
        var path = ImportFileBuilder.Xlsx(_folder, "bomb.xlsx",
            ("工单", [Headers, Ticket(1), Ticket(2, "BOMB-1"), ["BOMB-2", "2026-10-05 09:00"]]));
        RewritePart(path, "xl/sharedStrings.xml", xml => xml.Replace("BOMB-1", bomb, StringComparison.Ordinal).Replace("BOMB-2", key, StringComparison.Ordinal));

        var result = await ImportAsync(path);

        Assert.Null(result.FatalError);
        Assert.Equal((1, 2), (result.New, result.Rejected));
        Assert.Equal([RejectionReason.TooLong, RejectionReason.TooLong], result.Rejections.Select(r => r.Errors.Single().Reason));
        Assert.Equal(new string('x', 100) + "…", result.Rejections[0].Errors[0].RawValue);
        Assert.Equal(("工单号", new string('K', 100) + "…"), (result.Rejections[1].Errors[0].Column, result.Rejections[1].Errors[0].RawValue));
        Assert.All(result.Rejections.SelectMany(r => r.Cells), c => Assert.True(c.Length <= ImportLimits.Default.LongTextLength + 1));
    }

    [Fact]
    public async Task AFileOverTheRowLimitIsRefusedNamingTheLimitAndNothingIsStored()
    {
        var rows = Enumerable.Range(1, 101).Select(i => Ticket(i)).ToArray();
        var csv = ImportFileBuilder.Csv(_folder, "rows.csv", ImportFileBuilder.Utf8, [Headers, .. rows]);
        var xlsx = ImportFileBuilder.Xlsx(_folder, "rows.xlsx", ("工单", [Headers, .. rows]));
        var limits = new ImportLimits { RowsPerSheet = 100 };

        foreach (var path in new[] { csv, xlsx })
        {
            var result = await ImportAsync(path, limits);
            Assert.Equal(ImportStatus.Failed, result.Status);
            Assert.Contains("Import:MaxRowsPerSheet", result.FatalError);
        }

        Assert.Equal(0, await TicketCountAsync());
        Assert.True((await ImportAsync(csv, new ImportLimits { RowsPerSheet = 101 })).Clean);
    }

    [Fact]
    public async Task AWorkbookPartThatInflatesPastTheLimitIsRefusedWhileItInflates()
    {
        // A row bomb: a few kilobytes of zip holding megabytes of empty rows.
        var path = ImportFileBuilder.Xlsx(_folder, "rowbomb.xlsx", ("工单", [Headers, Ticket(1)]));
        RewritePart(path, "xl/worksheets/sheet1.xml", xml => xml.Replace("</x:sheetData>", string.Concat(Enumerable.Repeat("<x:row/>", 2_000_000)) + "</x:sheetData>", StringComparison.Ordinal));

        Assert.True(new FileInfo(path).Length < 100_000, $"{new FileInfo(path).Length} bytes");
        var result = await ImportAsync(path, new ImportLimits { PartBytes = 1024 * 1024 });

        Assert.Equal(ImportStatus.Failed, result.Status);
        Assert.Contains("Import:MaxPartMB", result.FatalError);
        Assert.Contains("xl/worksheets/sheet", result.FatalError);
    }

    [Fact]
    public async Task ARowWithMoreCellsThanTheLimitRefusesTheFile()
    {
        var path = ImportFileBuilder.Csv(_folder, "wide.csv", ImportFileBuilder.Utf8, [Headers, Ticket(1), [.. Ticket(2), .. Enumerable.Repeat("x", 20)]]);

        var result = await ImportAsync(path, new ImportLimits { CellsPerRow = 20 });

        Assert.Equal(ImportStatus.Failed, result.Status);
        Assert.Contains("Import:MaxCellsPerRow", result.FatalError);
    }

    [Fact]
    public async Task AStrayQuoteThatSwallowsTheFollowingRowsRefusesTheFileNamingTheLineWhereItOpened()
    {
        // Row 2 (line 2) starts a field with a quote that is never meant to close; a later row quotes a value properly.
        var lines = new List<string> { string.Join(",", Headers), "GD000001,2026-10-05 09:00,\"寿光市农业农村局,设备无法联网,2026-10-05 09:30,2026-10-06 10:00" };
        lines.AddRange(Enumerable.Range(2, 150).Select(i => string.Join(",", Ticket(i))));
        lines.Add("GD000999,2026-10-05 09:00,\"南京, 农业大学\",离线,2026-10-05 09:30,2026-10-06 10:00");
        lines.AddRange(Enumerable.Range(1000, 5).Select(i => string.Join(",", Ticket(i))));
        var swallowing = _folder.File("stray.csv");
        await File.WriteAllLinesAsync(swallowing, lines, new UTF8Encoding(false));
        var neverClosed = _folder.File("open.csv");
        await File.WriteAllLinesAsync(neverClosed, lines.Take(100), new UTF8Encoding(false));

        foreach (var path in new[] { swallowing, neverClosed })
        {
            var result = await ImportAsync(path);
            Assert.Equal(ImportStatus.Failed, result.Status);
            Assert.Contains("opens on line 2", result.FatalError);
            Assert.Contains("第 2 行", result.FatalErrorChinese);
        }

        Assert.Equal(0, await TicketCountAsync());
    }

    [Fact]
    public async Task AQuotedValuePastTheLongestAllowedValueRefusesTheFile()
    {
        var path = _folder.File("long.csv");
        await File.WriteAllTextAsync(path, $"{string.Join(",", Headers)}\nGD1,2026-10-05 09:00,客户,\"{new string('a', 600)}\",,\n", new UTF8Encoding(false));

        var result = await ImportAsync(path, new ImportLimits { LongTextLength = 500 });

        Assert.Equal(ImportStatus.Failed, result.Status);
        Assert.Contains("opens on line 2 runs past 500 characters", result.FatalError);
    }

    [Fact]
    public async Task ARowWithMoreOrFewerFieldsThanTheHeaderIsRejected()
    {
        var path = ImportFileBuilder.Csv(_folder, "shifted.csv", ImportFileBuilder.Utf8,
            [Headers, Ticket(1), ["GD000002", "2026-10-05 09:00", "寿光市", "农业农村局", "设备无法联网", "2026-10-05 09:30", "2026-10-06 10:00"], Ticket(3)[..5]]);

        var result = await ImportAsync(path);

        Assert.Equal((1, 2), (result.New, result.Rejected));
        Assert.Equal([(3, "7 ≠ 6"), (4, "5 ≠ 6")], result.Rejections.Select(r => (r.Row, r.Errors.Single().Detail)));
        Assert.All(result.Rejections, r => Assert.Equal(RejectionReason.WrongColumnCount, r.Errors.Single().Reason));
    }

    [Fact]
    public async Task AFileMixingUtf8AndGbkLinesIsRefusedNamingBothLines()
    {
        var path = _folder.File("mixed.csv");
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes(string.Join(",", Headers) + "\n" + string.Join(",", Ticket(1)) + "\n"));
        bytes.AddRange(ImportFileBuilder.Gb18030.GetBytes(string.Join(",", Ticket(2, "数据不上传")) + "\n"));
        await File.WriteAllBytesAsync(path, [.. bytes]);

        var result = await ImportAsync(path);

        Assert.Equal(ImportStatus.Failed, result.Status);
        Assert.Contains("line 1 is UTF-8, line 3 is GBK", result.FatalError);
        Assert.Equal(0, await TicketCountAsync());
    }

    [Fact]
    public async Task BytesInvalidInTheDetectedEncodingRefuseTheFileNamingTheLineAndNeverBecomeReplacementCharacters()
    {
        var path = _folder.File("broken.csv");
        var bytes = new List<byte>();
        bytes.AddRange(ImportFileBuilder.Gb18030.GetBytes(string.Join(",", Headers) + "\n" + string.Join(",", Ticket(1)) + "\n"));
        bytes.AddRange(ImportFileBuilder.Gb18030.GetBytes("GD000002,2026-10-05 09:00,客户"));
        bytes.Add(0xFF); // never valid in GB18030 (nor in UTF-8)
        bytes.AddRange(ImportFileBuilder.Gb18030.GetBytes(",离线,,\n"));
        await File.WriteAllBytesAsync(path, [.. bytes]);

        var result = await ImportAsync(path);

        Assert.Equal(ImportStatus.Failed, result.Status);
        Assert.Contains("line 3 has bytes that are not valid GB18030", result.FatalError);
        Assert.Equal(0, await TicketCountAsync());
    }

    [Fact]
    public async Task AGbkFileOfOrdinaryChineseTextStillImports()
    {
        var rows = Enumerable.Range(1, 300).Select(i => Ticket(i, $"第{i}台设备无法联网，数据不上传；客户要求上门")).ToArray();
        var path = ImportFileBuilder.Csv(_folder, "gbk.csv", ImportFileBuilder.Gb18030, [Headers, .. rows]);

        var result = await ImportAsync(path);

        Assert.True(result.Clean, result.FatalError);
        await using var db = _database.Open();
        Assert.Equal("第7台设备无法联网，数据不上传；客户要求上门", (await db.Tickets.SingleAsync(t => t.TicketNo == "GD000007")).Problem);
    }

    [Theory]
    [InlineData("2026/10/05 ９:00")]
    [InlineData("２０２６／１０／０５　０９：００")]
    [InlineData("２０２６年１０月５日 ９时００分")]
    public async Task FullWidthDigitsAndPunctuationAreReadAsTheirAsciiForms(string receivedAt)
    {
        var path = ImportFileBuilder.Csv(_folder, "fullwidth.csv", ImportFileBuilder.Utf8, [["工单号", "来电时间"], ["GD1", receivedAt]]);

        var result = await ImportAsync(path);

        Assert.True(result.Clean, result.FatalError ?? string.Join("; ", result.Rejections.Select(r => r.Describe(false))));
        await using var db = _database.Open();
        Assert.Equal(new DateTime(2026, 10, 5, 1, 0, 0), (await db.Tickets.SingleAsync()).ReceivedAt);
    }

    [Fact]
    public async Task AHugeNumberInAWorkbookRejectsItsRowInsteadOfEndingTheImport()
    {
        var path = ImportFileBuilder.Xlsx(_folder, "quotes.xlsx",
            ("报价", [
                ["报价单号", "报价时间", "含税价"],
                ["BJ-1", "2026-10-05 09:00", 1e29],
                ["BJ-2", "2026-10-05 10:00", 1234.5],
                ["BJ-3", "2026-10-05 11:00", -1e300],
            ]));

        var result = await ImportAsync(path);

        Assert.Null(result.FatalError);
        Assert.Equal((1, 2), (result.New, result.Rejected));
        Assert.Equal([("含税价", "1E+29"), ("含税价", "-1E+300")], result.Rejections.Select(r => (r.Errors.Single().Column, r.Errors.Single().RawValue)));
        Assert.All(result.Rejections, r => Assert.Equal(RejectionReason.InvalidDecimal, r.Errors.Single().Reason));
    }

    [Fact]
    public async Task TimesInImpossibleOrderRejectTheRowNamingBothColumns()
    {
        var tickets = ImportFileBuilder.Csv(_folder, "tickets.csv", ImportFileBuilder.Utf8,
        [
            Headers, Ticket(1),
            ["GD000002", "2026-10-05 09:00", "客户", "离线", "2026-10-05 08:00", "2026-10-04 10:00"],
            ["GD000003", "2026-10-05 09:00", "客户", "离线", "2026-10-05 09:00", "2026-10-05 09:00"],
        ]);
        var result = await ImportAsync(tickets);

        Assert.Equal((2, 1), (result.New, result.Rejected));
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal(2 + 1, rejection.Row);
        Assert.Equal(["首次响应时间：“2026-10-05 08:00” 早于来电时间", "解决时间：“2026-10-04 10:00” 早于来电时间"],
            rejection.Errors.Select(e => e.Describe(chinese: true)));

        var repairs = ImportFileBuilder.Csv(_folder, "repairs.csv", ImportFileBuilder.Utf8,
            [["维修单号", "收件时间", "修复时间"], ["WX1", "2026-10-05 09:00", "2026-10-01 09:00"], ["WX2", "2026-10-05 09:00", "2026-10-07 09:00"]]);
        var visits = ImportFileBuilder.Csv(_folder, "visits.csv", ImportFileBuilder.Utf8,
            [["委派单号", "下单时间", "完成时间"], ["PD1", "2026-10-05 09:00", "2026-10-05 08:59"], ["PD2", "2026-10-05 09:00", "2026-10-06 09:00"]]);
        Assert.Equal("修复时间：“2026-10-01 09:00” 早于收件时间", (await ImportAsync(repairs)).Rejections.Single().Errors.Single().Describe(chinese: true));
        Assert.Equal(RejectionReason.TimeOrder, (await ImportAsync(visits)).Rejections.Single().Errors.Single().Reason);
    }

    [Fact]
    public async Task ACallbackBeforeItsTicketWasReceivedIsRejectedWhetherTheTicketIsInTheSameFileOrAlreadyStored()
    {
        await ImportAsync(ImportFileBuilder.Csv(_folder, "stored.csv", ImportFileBuilder.Utf8, [Headers, Ticket(1)]));
        string[] callbackHeaders = ["回访编号", "工单号", "回访时间"];
        var path = ImportFileBuilder.Xlsx(_folder, "month.xlsx",
            ("工单", [Headers, ["GD000002", "2026-10-08 09:00", "客户", "离线", "", ""]]),
            ("回访记录", [
                callbackHeaders,
                ["HF1", "GD000001", "2026-10-04 09:00"], // before the stored ticket's 2026-10-05 09:00
                ["HF2", "GD000002", "2026-10-07 09:00"], // before the ticket earlier in this file
                ["HF3", "GD000002", "2026-10-09 09:00"],
                ["HF4", "GD-ELSEWHERE", "2026-10-01 09:00"], // no such ticket: nothing to compare with
            ]));

        var preview = await ImportAsync(path, dryRun: true);
        var result = await ImportAsync(path);

        Assert.Equal((3, 2), (preview.New, preview.Rejected));
        Assert.Equal((3, 2), (result.New, result.Rejected));
        Assert.Equal(["回访时间：“2026-10-04 09:00” 早于工单 GD000001 的来电时间", "回访时间：“2026-10-07 09:00” 早于工单 GD000002 的来电时间"],
            result.Rejections.Select(r => r.Errors.Single().Describe(chinese: true)));
        Assert.Equal([2, 3], result.Rejections.Select(r => r.Row));
        await using var db = _database.Open();
        Assert.Equal(["HF3", "HF4"], await db.Callbacks.OrderBy(c => c.CallbackNo).Select(c => c.CallbackNo).ToListAsync());
    }

    [Fact]
    public async Task AFailureNobodyForesawIsAFailedImportNamingTheFileAndTheRealCauseAndTheHistoryRecordsIt()
    {
        var path = ImportFileBuilder.Csv(_folder, "tickets.csv", ImportFileBuilder.Utf8, [Headers, Ticket(1), Ticket(2)]);

        var result = await ImportAsync(path, progress: new Throwing());

        Assert.Equal(ImportStatus.Failed, result.Status);
        Assert.Contains("tickets.csv", result.FatalError);
        Assert.Contains("NotSupportedException: the progress bar broke", result.FatalError);
        await using var db = _database.Open();
        Assert.Equal(0, await db.Tickets.CountAsync());
        var batch = Assert.Single(await db.ImportBatches.ToListAsync());
        Assert.Equal((ImportStatus.Failed, result.FatalError), (batch.Status, batch.Message));
        Assert.True((await ImportAsync(path)).Clean, "the next import runs as usual");
    }

    [Fact]
    public async Task APreviewTakesNoWriteLock()
    {
        var rows = Enumerable.Range(1, 6000).Select(i => Ticket(i)).ToArray();
        var path = ImportFileBuilder.Csv(_folder, "big.csv", ImportFileBuilder.Utf8, [Headers, .. rows]);
        await ImportAsync(ImportFileBuilder.Csv(_folder, "one.csv", ImportFileBuilder.Utf8, [Headers, Ticket(1)]));
        var probe = new WriteProbe(_database.FilePath);

        var preview = await ImportAsync(path, dryRun: true, progress: probe);

        Assert.Equal((5999, 0, 1), (preview.New, preview.Updated, preview.Unchanged));
        Assert.True(probe.Tried > 0, "the probe never ran during the preview");
        Assert.Equal([], probe.Failures);
        Assert.Equal(1, await TicketCountAsync());
    }

    /// <summary>Replaces one part of a package with its text changed (what a hand-made or hostile file can hold).</summary>
    private static void RewritePart(string path, string part, Func<string, string> change)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.GetEntry(part) ?? throw new InvalidOperationException($"{part} is not in {path}: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        string xml;
        using (var reader = new StreamReader(entry.Open()))
        {
            xml = reader.ReadToEnd();
        }

        entry.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(part, CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
        writer.Write(change(xml));
    }

    /// <summary>A progress bar that breaks in a way the import cannot foresee.</summary>
    private sealed class Throwing : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => throw new NotSupportedException("the progress bar broke");
    }

    /// <summary>On each progress report, tries to take SQLite's write lock from another connection without waiting.</summary>
    private sealed class WriteProbe(string database) : IProgress<ImportProgress>
    {
        public int Tried { get; private set; }

        public List<string> Failures { get; } = [];

        public void Report(ImportProgress value)
        {
            Tried++;
            using var connection = new SqliteConnection($"Data Source={database};Pooling=False;Default Timeout=1");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;";
            try
            {
                command.ExecuteNonQuery();
            }
            catch (SqliteException ex)
            {
                Failures.Add(ex.Message);
            }
        }
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
