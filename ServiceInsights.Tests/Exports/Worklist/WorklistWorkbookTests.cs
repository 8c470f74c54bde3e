using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Worklist;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Worklist;
using ServiceInsights.Web.Exports.Worklist;

namespace ServiceInsights.Tests.Exports.Worklist;

/// <summary>
/// The worklist download in the 回访记录 import format: the known columns filled, the result columns empty with drop-down
/// lists; filled in and imported back, the filled rows are stored as callbacks (the list and the KPI move), the empty rows
/// are counted as 未填写 and not stored, and a bad word is the import's normal row rejection.
/// </summary>
public sealed class WorklistWorkbookTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();
    private readonly TempFolder _folder = new();
    private const string AsOf = "2026-11-05 09:00";

    public async Task InitializeAsync()
    {
        await _db.MigrateAsync();
        await _db.AddAsync(
            new TicketBuilder().No("GD1").ReceivedAt("2026-11-01 09:00").ResolvedAt("2026-11-02 10:00").Staff("王芳").Product("虫情测报灯", "CQ-3")
                .Customer("山东农科").Build(),
            new TicketBuilder().No("GD2").ReceivedAt("2026-11-01 10:00").ResolvedAt("2026-11-03 10:00").Staff("王芳").Product("土壤检测仪", "TR-1").Build(),
            new TicketBuilder().No("GD3").ReceivedAt("2026-11-01 11:00").ResolvedAt("2026-11-03 11:00").Staff("王芳").Product("土壤检测仪", "TR-1").Build());
    }

    public Task DisposeAsync()
    {
        _db.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private Task<CallbackWorklist> WorklistAsync() =>
        _db.Worklist().RunAsync(new WorklistFilter("王芳"), TestClock.Local(AsOf));

    [Fact]
    public async Task TheDownloadIsAnImportFileWithTheKnownColumnsFilledAndDropDownsOnTheResults()
    {
        using var workbook = new XLWorkbook(new MemoryStream(WorklistWorkbook.Write(await WorklistAsync())));

        var sheet = Assert.Single(workbook.Worksheets);
        Assert.Equal("回访记录", sheet.Name);
        var headers = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Equal(RecordSchemas.Callbacks.Fields.Select(f => f.Chinese), headers);
        // GD1: a phone call (CS-3d and CS-7b at once) and an SMS; GD2, GD3: a phone call and an SMS each.
        Assert.Equal(6, sheet.RowsUsed().Count() - 1);
        var phone = sheet.RowsUsed().Skip(1).Single(r => Cell(r, headers, "工单号") == "GD1" && Cell(r, headers, "方式") == "电话");
        Assert.Equal(("山东农科", "虫情测报灯", "CQ-3", "王芳", "GD1-2611050900-D"),
            (Cell(phone, headers, "客户单位"), Cell(phone, headers, "产品名称"), Cell(phone, headers, "型号"), Cell(phone, headers, "回访人"), Cell(phone, headers, "回访编号")));
        Assert.All(["回访时间", "是否接通", "问题是否解决", "设备是否正常运行", "满意度", "其他需求", "备注"], h => Assert.Equal("", Cell(phone, headers, h)));

        var lists = sheet.DataValidations.ToDictionary(v => v.Ranges.Single().FirstColumn().ColumnNumber(), v => v.Value);
        Assert.Equal("\"是,否\"", lists[headers.IndexOf("是否接通") + 1]);
        Assert.Equal("\"是,否\"", lists[headers.IndexOf("问题是否解决") + 1]);
        Assert.Equal("\"是,否\"", lists[headers.IndexOf("设备是否正常运行") + 1]);
        Assert.Equal("\"非常满意,满意,一般,不满意,非常不满意\"", lists[headers.IndexOf("满意度") + 1]);
        Assert.Equal("\"短信周回访,短信月回访,电话\"", lists[headers.IndexOf("方式") + 1]);
    }

    [Fact]
    public async Task TwoFilledRowsAreStoredTheRestAreUnfilledAndTheListAndKpiMove()
    {
        var before = await WorklistAsync();
        var kpiBefore = await _db.Kpi().RunAsync(new(2026, 11), TestClock.Local(AsOf).AddHours(1));
        var path = Fill(WorklistWorkbook.Write(before), ("GD1", "电话", "2026-11-05 09:30", "是", "满意"), ("GD2", "电话", "2026-11-05 09:40", "是", "非常满意"));

        var result = await new ImportService(_db.Factory, TestClock.Shanghai).ImportAsync(path, "回访工作表.xlsx", new ImportOptions(UserName: "王芳"));

        Assert.Null(result.FatalError);
        Assert.Equal((2, 0, 4), (result.New, result.Rejected, result.Unfilled));
        await using (var db = _db.Open())
        {
            Assert.Equal(2, await db.Callbacks.CountAsync());
        }

        var after = await _db.Worklist().RunAsync(new WorklistFilter("王芳"), TestClock.Local(AsOf).AddHours(1));
        Assert.Equal([("CS-3d", "GD3"), ("CS-7a", "GD1"), ("CS-7a", "GD2"), ("CS-7a", "GD3")], after.Items.Select(i => (i.Rule, i.TicketNo!)).Order());
        var kpiAfter = await _db.Kpi().RunAsync(new(2026, 11), TestClock.Local(AsOf).AddHours(1));
        Assert.Equal((0, 2), (kpiBefore["CS-3d"].Met, kpiAfter["CS-3d"].Met));
        Assert.Equal((0, 1), (kpiBefore["CS-7b"].Met, kpiAfter["CS-7b"].Met));
    }

    [Fact]
    public async Task AWordThatIsNotInTheListIsTheImportsRowRejectionAndIsNotStored()
    {
        var path = Fill(WorklistWorkbook.Write(await WorklistAsync()), ("GD1", "电话", "2026-11-05 09:30", "也许", "满意"));

        var result = await new ImportService(_db.Factory, TestClock.Shanghai).ImportAsync(path, "回访工作表.xlsx", new ImportOptions(UserName: "王芳"));

        Assert.Equal((0, 1, 5), (result.New, result.Rejected, result.Unfilled));
        var rejection = Assert.Single(result.Rejections);
        Assert.Contains("是否接通", rejection.Describe(true));
        Assert.Equal(2, rejection.Row);
        await using var db = _db.Open();
        Assert.Equal(0, await db.Callbacks.CountAsync());
    }

    private static string Cell(IXLRow row, List<string> headers, string header) => row.Cell(headers.IndexOf(header) + 1).GetString();

    /// <summary>Fills the rows of the tickets and methods given as a person would in Excel: time, reached, satisfaction.</summary>
    private string Fill(byte[] xlsx, params (string Ticket, string Method, string At, string Reached, string Satisfaction)[] rows)
    {
        using var workbook = new XLWorkbook(new MemoryStream(xlsx));
        var sheet = workbook.Worksheet(1);
        var headers = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        foreach (var (ticket, method, at, reached, satisfaction) in rows)
        {
            var row = sheet.RowsUsed().Skip(1).Single(r => Cell(r, headers, "工单号") == ticket && Cell(r, headers, "方式") == method);
            row.Cell(headers.IndexOf("回访时间") + 1).Value = DateTime.Parse(at);
            row.Cell(headers.IndexOf("是否接通") + 1).Value = reached;
            row.Cell(headers.IndexOf("满意度") + 1).Value = satisfaction;
        }

        var path = _folder.File("filled.xlsx");
        workbook.SaveAs(path);
        return path;
    }
}
