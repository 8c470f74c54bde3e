using ClosedXML.Excel;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Import;

public class ImportServiceTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private TestDatabase _database = null!;
    private ImportService _import = null!;

    private static readonly string[] TicketHeaders = ["工单号", "来电时间", "渠道", "客户单位", "VIP", "产品名称", "型号", "产品来源", "客服", "首次响应时间", "解决时间"];

    public async Task InitializeAsync()
    {
        _database = await new TestDatabase().MigrateAsync();
        _import = new ImportService(_database.Factory, new DepartmentClock(DepartmentClock.FindTimeZone(null), FixedTimeProvider.AtLocal(2026, 11, 28)));
    }

    private Task<ImportResult> ImportAsync(string path, RecordKind? kind = null, bool dryRun = false, CancellationToken cancellationToken = default) =>
        _import.ImportAsync(path, Path.GetFileName(path), new ImportOptions(kind, dryRun, "tester"), null, cancellationToken);

    private string TicketsCsv(string name = "tickets.csv", params string[][] rows) =>
        ImportFileBuilder.Csv(_folder, name, ImportFileBuilder.Gb18030, [TicketHeaders, .. rows]);

    private static readonly string[] Ticket1 = ["GD20260305001", "2026-03-05 14:20", "电话", "山东省寿光市农业农村局", "是", "虫情测报灯", "TPCB-III-A", "自产", "张丽", "2026/3/5 14:50", "2026年3月6日 10:00"];
    private static readonly string[] Ticket2 = ["GD20260305002", "2026-03-05 16:00", "销售转达", "南京农业大学", "否", "光照培养箱", "GXZ-280", "外购", "李强", "", ""];

    [Fact]
    public async Task ImportsAGb18030FileWithChineseHeadersStoringLocalTimesAsUtc()
    {
        var result = await ImportAsync(TicketsCsv(rows: [Ticket1, Ticket2]));

        Assert.True(result.Clean, result.FatalError);
        Assert.Equal(RecordKind.Tickets, result.Tables.Single().Kind);
        Assert.Equal((2, 0, 0, 0), (result.New, result.Updated, result.Unchanged, result.Rejected));
        await using var db = _database.Open();
        var ticket = await db.Tickets.SingleAsync(t => t.TicketNo == "GD20260305001");
        Assert.Equal(new DateTime(2026, 3, 5, 6, 20, 0, DateTimeKind.Utc), ticket.ReceivedAt);
        Assert.Equal(DateTimeKind.Utc, ticket.ReceivedAt.Kind);
        Assert.Equal(new DateTime(2026, 3, 5, 6, 50, 0), ticket.FirstResponseAt);
        Assert.Equal(new DateTime(2026, 3, 6, 2, 0, 0), ticket.ResolvedAt);
        Assert.Equal((Channel.Phone, true, Origin.SelfMade, "张丽"), (ticket.Channel!.Value, ticket.Vip!.Value, ticket.Origin!.Value, ticket.Staff));
        var second = await db.Tickets.SingleAsync(t => t.TicketNo == "GD20260305002");
        Assert.Null(second.ResolvedAt); // empty optional cells are absent values, never errors
        Assert.False(second.Vip);
    }

    [Fact]
    public async Task ReadsEnglishHeadersInAnyOrderWithSurroundingSpaces()
    {
        var path = ImportFileBuilder.Csv(_folder, "en.csv", ImportFileBuilder.Utf8,
            ["  Customer ", "ReceivedAt", " TicketNo", "Channel", "Vip"],
            ["Nanjing Agricultural University", "2026-03-05T09:00", "GD-EN-1", "SalesRelay", "Y"]);

        var result = await ImportAsync(path);

        Assert.True(result.Clean, result.FatalError);
        await using var db = _database.Open();
        var ticket = await db.Tickets.SingleAsync();
        Assert.Equal(("GD-EN-1", Channel.SalesRelay, "Nanjing Agricultural University"), (ticket.TicketNo, ticket.Channel!.Value, ticket.Customer));
    }

    [Fact]
    public async Task RejectsRowsWithExactRowColumnValueAndReasonAndStoresTheRest()
    {
        var path = TicketsCsv(rows:
        [
            Ticket1,
            ["", "2026-03-05 10:00", "电话", "x", "", "", "", "", "", "", ""],
            ["GD-BAD", "2026-13-05 10:00", "传真", "x", "也许", "", "", "", "", "", ""],
            Ticket2,
        ]);

        var result = await ImportAsync(path);

        Assert.Equal(ImportStatus.PartlyRejected, result.Status);
        Assert.Equal((2, 2), (result.New, result.Rejected));
        var missingKey = result.Rejections[0];
        Assert.Equal(("tickets.csv", 3), (missingKey.File, missingKey.Row));
        Assert.Equal(new CellError("工单号", "", RejectionReason.MissingKey), missingKey.Errors.Single());
        var bad = result.Rejections[1];
        Assert.Equal(4, bad.Row);
        Assert.Equal(["来电时间", "渠道", "VIP"], bad.Errors.Select(e => e.Column));
        Assert.Equal(["2026-13-05 10:00", "传真", "也许"], bad.Errors.Select(e => e.RawValue));
        Assert.Equal([RejectionReason.InvalidDateTime, RejectionReason.InvalidChoice, RejectionReason.InvalidYesNo], bad.Errors.Select(e => e.Reason));
        Assert.Equal("tickets.csv, row 4, 来电时间: '2026-13-05 10:00' not a date-time (e.g. 2026-03-05 14:20); 渠道: '传真' not one of the allowed values: 电话/Phone, 销售转达/SalesRelay, 短信/Sms, 来访/WalkIn, 其他/Other; VIP: '也许' expected yes/no (是/否, Y/N, 1/0, ✓)",
            bad.Describe(chinese: false));
        Assert.StartsWith("tickets.csv，第 4 行，来电时间：“2026-13-05 10:00” 不是可识别的日期时间", bad.Describe(chinese: true));
        await using var db = _database.Open();
        Assert.Equal(2, await db.Tickets.CountAsync());
    }

    [Fact]
    public async Task ImportingTheSameFileTwiceChangesNothing()
    {
        var path = TicketsCsv(rows: [Ticket1, Ticket2]);
        await ImportAsync(path);
        var before = await SnapshotAsync();

        var again = await ImportAsync(path);

        Assert.Equal((0, 0, 2), (again.New, again.Updated, again.Unchanged));
        Assert.Equal(before, await SnapshotAsync());
        await using var db = _database.Open();
        Assert.Equal(2, await db.ImportBatches.CountAsync());
    }

    [Fact]
    public async Task ReimportingAChangedRowUpdatesItByKeyAndKeepsColumnsTheFileDoesNotCarry()
    {
        await ImportAsync(TicketsCsv(rows: [Ticket1, Ticket2]));
        var changed = (string[])Ticket2.Clone();
        changed[10] = "2026-03-09 11:00";
        var partial = ImportFileBuilder.Csv(_folder, "partial.csv", ImportFileBuilder.Utf8Bom,
            ["工单号", "来电时间", "解决时间"], [changed[0], changed[1], changed[10]]);

        var result = await ImportAsync(partial);

        Assert.Equal((0, 1, 0), (result.New, result.Updated, result.Unchanged));
        await using var db = _database.Open();
        var ticket = await db.Tickets.SingleAsync(t => t.TicketNo == "GD20260305002");
        Assert.Equal(new DateTime(2026, 3, 9, 3, 0, 0), ticket.ResolvedAt);
        Assert.Equal("南京农业大学", ticket.Customer);
        Assert.Equal(result.BatchId, ticket.ImportBatchId);
    }

    [Fact]
    public async Task ALaterRowWithTheSameKeyIsRejectedNamingTheFirstAndAReimportChangesNothing()
    {
        var later = (string[])Ticket1.Clone();
        later[3] = "寿光市农业农村局（更正）";
        var file = TicketsCsv(rows: [Ticket1, later]);
        var result = await ImportAsync(file);

        Assert.Equal((1, 0, 1), (result.New, result.Updated, result.Rejected));
        var error = Assert.Single(Assert.Single(result.Rejections).Errors);
        Assert.Equal((RejectionReason.DuplicateInFile, 3), (error.Reason, Assert.Single(result.Rejections).Row));
        Assert.Contains("同一文件中重复，首次出现在第 2 行", error.Describe(chinese: true), StringComparison.Ordinal);
        await using (var db = _database.Open())
        {
            Assert.Equal(Ticket1[3], (await db.Tickets.SingleAsync()).Customer);
        }

        var again = await ImportAsync(file);
        Assert.Equal((0, 0, 1, 1), (again.New, again.Updated, again.Unchanged, again.Rejected));
    }

    [Fact]
    public async Task RollsBackEverythingWhenTheDatabaseFailsMidFile()
    {
        await ImportAsync(TicketsCsv("first.csv", Ticket1));
        var before = await SnapshotAsync();
        await using (var connection = new SqliteConnection(_database.Settings.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER fail_midway BEFORE INSERT ON Tickets WHEN NEW.TicketNo = 'GD-BOOM' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;";
            await command.ExecuteNonQueryAsync();
        }

        var rows = Enumerable.Range(0, 2500).Select(i => new[] { $"GD-OK-{i}", "2026-03-05 10:00", "", "", "", "", "", "", "", "", "" }).ToList();
        var changedFirst = (string[])Ticket1.Clone();
        changedFirst[3] = "changed";
        rows.Insert(0, changedFirst);
        rows.Insert(2000, ["GD-BOOM", "2026-03-05 10:00", "", "", "", "", "", "", "", "", ""]);
        var result = await ImportAsync(TicketsCsv("second.csv", [.. rows]));

        Assert.Equal(ImportStatus.Failed, result.Status);
        Assert.Contains("disk on fire", result.FatalError);
        Assert.Equal(before, await SnapshotAsync());
        await using var db = _database.Open();
        var history = await db.ImportBatches.OrderBy(b => b.Id).ToListAsync();
        Assert.Equal([ImportStatus.Committed, ImportStatus.Failed], history.Select(b => b.Status));
        Assert.Equal(0, history[1].NewRows);
    }

    [Fact]
    public async Task TheHistoryKeepsEachFilesSha256WhetherItsImportCommittedOrFailed()
    {
        var good = TicketsCsv("good.csv", Ticket1);
        var bad = ImportFileBuilder.Csv(_folder, "bad.csv", ImportFileBuilder.Utf8, ["工单号", "来电时间"], ["GD-X", "2026-03-05 10:00"]);
        await using (var connection = new SqliteConnection(_database.Settings.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER refuse BEFORE INSERT ON Tickets WHEN NEW.TicketNo = 'GD-X' BEGIN SELECT RAISE(ABORT, 'refused'); END;";
            await command.ExecuteNonQueryAsync();
        }

        var committed = await ImportAsync(good);
        var failed = await ImportAsync(bad);

        Assert.Equal((ImportStatus.Committed, ImportStatus.Failed), (committed.Status, failed.Status));
        static string Sha256Of(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
        Assert.Equal((Sha256Of(good), Sha256Of(bad)), (committed.Sha256, failed.Sha256));
        await using var db = _database.Open();
        Assert.Equal([Sha256Of(good), Sha256Of(bad)], await db.ImportBatches.OrderBy(b => b.Id).Select(b => b.Sha256).ToListAsync());
    }

    [Fact]
    public async Task CancellationStoresNothing()
    {
        var rows = Enumerable.Range(0, 5000).Select(i => new[] { $"GD{i}", "2026-03-05 10:00", "", "", "", "", "", "", "", "", "" }).ToArray();
        using var cancel = new CancellationTokenSource();
        var result = await _import.ImportAsync(TicketsCsv(rows: rows), "tickets.csv", new ImportOptions(UserName: "tester"),
            new SynchronousProgress<ImportProgress>(p => { if (p.Rows >= 2000) cancel.Cancel(); }), cancel.Token);

        Assert.Equal(ImportStatus.Cancelled, result.Status);
        await using var db = _database.Open();
        Assert.Equal(0, await db.Tickets.CountAsync());
        Assert.Equal(ImportStatus.Cancelled, (await db.ImportBatches.SingleAsync()).Status);
    }

    [Fact]
    public async Task DryRunCountsExactlyAndStoresNothing()
    {
        await ImportAsync(TicketsCsv("first.csv", Ticket1));
        var changed = (string[])Ticket1.Clone();
        changed[8] = "王芳";

        var preview = await ImportAsync(TicketsCsv("second.csv", changed, Ticket2, Ticket2), dryRun: true);

        Assert.True(preview.DryRun);
        Assert.Equal((1, 1, 0, 1), (preview.New, preview.Updated, preview.Unchanged, preview.Rejected)); // the repeated Ticket2 is rejected
        await using var db = _database.Open();
        Assert.Equal("张丽", (await db.Tickets.SingleAsync()).Staff);
        Assert.Equal(1, await db.ImportBatches.CountAsync());
    }

    [Fact]
    public async Task ImportsEverySheetOfAWorkbookWithDateCellsSerialsAndText()
    {
        var path = ImportFileBuilder.Xlsx(_folder, "mixed.xlsx",
            ("返厂维修", [
                ["维修单号", "工单号", "收件时间", "下单时间", "约定完成日期", "故障原因"],
                ["WX1", "GD20260305001", new DateTime(2026, 3, 9, 9, 30, 0), 46090.4375d, "2026-03-20", "主板故障"],
                ["WX2", "GD-NOT-YET", "2026/3/10 16:00", null, null, "=HYPERLINK(\"x\")"],
            ]),
            ("维修进度", [
                ["维修单号", "确认时间", "方式", "备注"],
                ["WX1", "2026-03-10 09:00", "邮件", "已检测"],
                ["WX1", new DateTime(2026, 3, 11, 9, 0, 0), "面签", ""],
            ]),
            ("说明", [["这是导出说明"]]));

        var result = await ImportAsync(path);

        Assert.Equal(ImportStatus.Committed, result.Status);
        Assert.Equal([RecordKind.Repairs, RecordKind.RepairUpdates, null], result.Tables.Select(t => t.Kind));
        Assert.NotNull(result.Tables[2].SkippedBecause);
        await using var db = _database.Open();
        var repair = await db.Repairs.SingleAsync(r => r.RepairNo == "WX1");
        Assert.Equal(new DateTime(2026, 3, 9, 1, 30, 0), repair.ReceivedAt);
        Assert.Equal(new DateTime(2026, 3, 9, 2, 30, 0), repair.OrderedAt); // serial 46090.4375 = 2026-03-09 10:30 local
        Assert.Equal(new DateOnly(2026, 3, 20), repair.AgreedDueDate);
        Assert.Equal("=HYPERLINK(\"x\")", (await db.Repairs.SingleAsync(r => r.RepairNo == "WX2")).FaultCause);
        Assert.Equal(2, await db.RepairUpdates.CountAsync(u => u.RepairNo == "WX1"));
    }

    [Fact]
    public async Task RecognisesTheKindFromTheKeyColumnEvenWhenTheTicketNumberIsPresent()
    {
        var path = ImportFileBuilder.Csv(_folder, "visits.csv", ImportFileBuilder.Utf8,
            ["DispatchNo", "TicketNo", "OrderedAt", "SurveyScore"], ["WP1", "GD1", "2026-03-05 10:00", "5"]);

        var result = await ImportAsync(path);

        Assert.Equal(RecordKind.SiteVisits, result.Tables.Single().Kind);
    }

    [Fact]
    public async Task ACallbackFileWithoutTheReachedColumnCountsEveryCallbackAsReached()
    {
        var path = ImportFileBuilder.Csv(_folder, "callbacks.csv", ImportFileBuilder.Gb18030,
            ["回访编号", "回访时间", "方式", "满意度"], ["HF1", "2026-03-05 10:00", "电话", "满意"]);

        var result = await ImportAsync(path);

        Assert.True(result.Clean, result.FatalError);
        await using var db = _database.Open();
        var callback = await db.Callbacks.SingleAsync();
        Assert.True(callback.Reached);
        Assert.Equal((CallbackMethod.Phone, 4), (callback.Method!.Value, callback.Satisfaction!.Value));
    }

    [Fact]
    public async Task AnImportCancelledBeforeItStartsReturnsACancelledResult()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var result = await ImportAsync(TicketsCsv(rows: [Ticket1]), cancellationToken: cancel.Token);

        Assert.Equal(ImportStatus.Cancelled, result.Status);
        await using var db = _database.Open();
        Assert.Equal(0, await db.Tickets.CountAsync());
    }

    [Fact]
    public async Task ReportsUnknownColumnsWithoutFailing()
    {
        var path = ImportFileBuilder.Csv(_folder, "extra.csv", ImportFileBuilder.Utf8, ["工单号", "来电时间", "内部编码"], ["GD1", "2026-03-05 10:00", "X"]);
        var result = await ImportAsync(path);
        Assert.True(result.Clean);
        Assert.Equal(["内部编码"], result.Tables.Single().UnknownColumns);
    }

    [Theory]
    [InlineData("no-key.csv", "工单号 (TicketNo)")]
    [InlineData("notes.csv", "cannot tell which kind")]
    public async Task AFileThatCannotBeReadStoresNothing(string name, string reason)
    {
        var path = name == "no-key.csv"
            ? ImportFileBuilder.Csv(_folder, name, ImportFileBuilder.Utf8, ["渠道", "来电时间", "客户单位"], ["电话", "2026-03-05 10:00", "x"])
            : ImportFileBuilder.Csv(_folder, name, ImportFileBuilder.Utf8, ["说明"], ["无"]);

        var result = await ImportAsync(path, kind: name == "no-key.csv" ? RecordKind.Tickets : null);

        Assert.Equal(ImportStatus.Failed, result.Status);
        Assert.Contains(reason, result.FatalError);
        Assert.Contains(name, result.FatalError);
        Assert.StartsWith($"{name}：", result.Fatal(chinese: true));
        Assert.Contains(name == "no-key.csv" ? "工单表缺少列 工单号 (TicketNo)" : "无法判断记录类型", result.Fatal(chinese: true));
        await using var db = _database.Open();
        Assert.Equal(0, await db.Tickets.CountAsync());
    }

    [Fact]
    public async Task RejectedRowsComeBackAsAWorkbookReadyToFix()
    {
        var result = await ImportAsync(TicketsCsv(rows: [Ticket1, ["GD-X", "next tuesday", "=1+1", "", "", "", "", "", "", "", ""]]));
        var path = _folder.File("rejected.xlsx");
        await using (var stream = File.Create(path))
        {
            RejectedRowsWorkbook.Write(result, stream, chinese: true);
        }

        using var workbook = new XLWorkbook(path);
        var sheet = workbook.Worksheet("工单");
        Assert.Equal([.. TicketHeaders, "原行号", "错误原因"], sheet.Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.Equal("GD-X", sheet.Cell(2, 1).GetString());
        Assert.Equal("=1+1", sheet.Cell(2, 3).GetString());
        Assert.False(sheet.Cell(2, 3).HasFormula);
        Assert.Equal(3, sheet.Cell(2, 12).GetValue<int>());
        Assert.Contains("来电时间：“next tuesday” 不是可识别的日期时间", sheet.Cell(2, 13).GetString());
    }

    [Fact]
    public void TheRejectedRowsWorkbookCutsAValueLongerThanACellHoldsWithANote()
    {
        var huge = new string('长', 40_000);
        var rejection = new RowRejection("t.csv", null, 2, RecordKind.Tickets,
            [new CellError("问题描述", ImportLimits.Echo(huge), RejectionReason.TooLong, "> 10000")], ["工单号", "问题描述"], ["GD1", huge]);
        var result = new ImportResult("t.csv", "", 1, false, [], [rejection], null, ImportStatus.PartlyRejected, TimeSpan.Zero);
        var path = _folder.File("rejected-long.xlsx");
        using (var stream = File.Create(path))
        {
            RejectedRowsWorkbook.Write(result, stream, chinese: true);
        }

        using var workbook = new XLWorkbook(path);
        var cell = workbook.Worksheet("工单").Cell(2, 2).GetString();
        Assert.Equal(RejectedRowsWorkbook.MaxCellText, cell.Length);
        Assert.StartsWith(new string('长', 1000), cell, StringComparison.Ordinal);
        Assert.EndsWith("个］", cell, StringComparison.Ordinal);
        Assert.Contains("原值 40,000 个字符", cell, StringComparison.Ordinal);
    }

    private async Task<string> SnapshotAsync()
    {
        await using var db = _database.Open();
        var rows = await db.Tickets.OrderBy(t => t.TicketNo)
            .Select(t => $"{t.TicketNo}|{t.Customer}|{t.Staff}|{t.ResolvedAt}|{t.ContentHash}|{t.ImportBatchId}").ToListAsync();
        return string.Join("\n", rows);
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
