using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Exports;
using ServiceInsights.Web.Components.Pages.MonthClose;
using ServiceInsights.Web.Components.Shared;
using ServiceInsights.Tests.Hosting;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.MonthClose;
using UglyToad.PdfPig;

namespace ServiceInsights.Tests.MonthClose;

/// <summary>
/// The month close through the real app: the archive is what the downloads and /api/kpi serve after later imports, the
/// dashboard's banner names the rules the late records moved, and a reopening is audited and keeps the old files.
/// </summary>
public sealed partial class MonthCloseTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly MonthCloseActor Manager = new("manager@serviceinsights.local", [AppRoles.Manager]);
    private static readonly MonthCloseActor Admin = new("admin@serviceinsights.local", [AppRoles.Admin]);

    private MonthCloser Closer => app.Factory.Services.GetRequiredService<MonthCloser>();

    private MonthArchive Archive => app.Factory.Services.GetRequiredService<MonthArchive>();

    [Fact]
    public async Task ALaterImportLeavesTheArchiveUnchangedAndTheBannerShowsTheMovedRules()
    {
        using var manager = await app.Factory.SignInAsync(AppRoles.Manager);
        await app.Factory.AddRecordsAsync(
            new TicketBuilder().No("GD-C1").ReceivedAt("2026-10-12 09:00").Customer("甲公司").Product("虫情测报灯", "M-A").Staff("张敏")
                .With(t => t.Origin = Origin.SelfMade).Build(),
            new RepairBuilder().No("WX-C1").Ticket("GD-C1").ReceivedAt("2026-10-12 10:00").RepairedAt("2026-10-15 10:00").Build());
        var october = new ReportMonth(2026, 10);

        var close = await Closer.CloseAsync(october, Manager);

        var pdf = await manager.GetByteArrayAsync("/reports/kpi/2026-10.pdf");
        var xlsx = await manager.GetByteArrayAsync("/reports/callbacks/2026-10.xlsx");
        Assert.Equal((await Archive.FileAsync(october, "kpi", "pdf", "zh-CN"))!.Content, pdf);
        Assert.Equal((await Archive.FileAsync(october, "callbacks", "xlsx", "zh-CN"))!.Content, xlsx);
        Assert.Equal(16, (await Archive.FilesOfAsync(close.Id)).Count);
        var frozen = await KpiJsonAsync(manager, "/api/kpi/2026-10");
        Assert.True(frozen.GetProperty("closed").GetBoolean());
        Assert.Equal("manager@serviceinsights.local", frozen.GetProperty("closedBy").GetString());
        var frozenCs2 = Rule(frozen, "CS-2");

        // Late records: two more October tickets, imported after the close.
        using var folder = new TempFolder();
        var csv = ImportFileBuilder.Csv(folder, "late.csv", ImportFileBuilder.Utf8, ["工单号", "来电时间", "客服"],
            ["GD-C2", "2026-10-20 09:00", "张丽"], ["GD-C3", "2026-10-21 09:00", "王芳"]);
        var import = await app.Factory.Services.GetRequiredService<ImportService>().ImportAsync(csv, "late.csv", new ImportOptions(UserName: "test"));
        Assert.True(import.Clean, import.FatalError);

        Assert.Equal(pdf, await manager.GetByteArrayAsync("/reports/kpi/2026-10.pdf"));
        Assert.Equal(xlsx, await manager.GetByteArrayAsync("/reports/callbacks/2026-10.xlsx"));
        using (var document = PdfDocument.Open(pdf))
        {
            Assert.Contains("月度KPI报告", string.Concat(document.GetPage(1).Letters.Select(l => l.Value)));
        }

        var stillFrozen = await KpiJsonAsync(manager, "/api/kpi/2026-10");
        Assert.Equal(frozenCs2.ToString(), Rule(stillFrozen, "CS-2").ToString());
        var live = await KpiJsonAsync(manager, $"/api/kpi/2026-10?asOf={close.AsOf:yyyy-MM-dd'T'HH:mm}");
        Assert.False(live.GetProperty("closed").GetBoolean());
        Assert.Equal(frozenCs2.GetProperty("eligible").GetInt32() + frozenCs2.GetProperty("pending").GetInt32() + 2,
            Rule(live, "CS-2").GetProperty("eligible").GetInt32() + Rule(live, "CS-2").GetProperty("pending").GetInt32());

        var page = WebUtility.HtmlDecode(await manager.GetStringAsync("/kpi?month=2026-10"));
        Assert.Contains("data-testid=\"month-closed\"", page);
        Assert.Contains("data-testid=\"late-data-rule\" data-rule=\"CS-2\"", page);
        Assert.DoesNotContain("data-rule=\"CS-4b\"", page.Split("data-testid=\"late-data\"")[1].Split("</ul>")[0]);
        var livePage = await manager.GetStringAsync("/kpi?month=2026-10&view=live");
        Assert.DoesNotContain("data-testid=\"late-data\"", livePage);
        Assert.Contains("data-testid=\"month-closed\"", await manager.GetStringAsync("/kpi/staff?month=2026-10"));
        Assert.Contains("data-testid=\"month-closed\"", await manager.GetStringAsync("/reports/repairs?month=2026-10"));
    }

    /// <summary>Decision 028: a comment written after the close shows live on the dashboard; the archived files stay byte for byte.</summary>
    [Fact]
    public async Task ACommentWrittenAfterTheCloseShowsOnTheDashboardAndLeavesTheArchivedFilesAsTheyWere()
    {
        using var manager = await app.Factory.SignInAsync(AppRoles.Manager);
        var june = new ReportMonth(2026, 6);
        await Closer.CloseAsync(june, Manager);
        var archived = await manager.GetByteArrayAsync("/reports/kpi/2026-06.pdf");
        var archivedXlsx = await manager.GetByteArrayAsync("/reports/kpi/2026-06.xlsx");
        var managerId = (await app.Factory.Services.CreateScope().ServiceProvider.GetRequiredService<Web.Hosting.UserAccounts>()
            .FindByEmailAsync("manager@serviceinsights.local"))!.Id;

        await app.Factory.Services.GetRequiredService<Data.KpiComments.KpiCommentStore>().SaveAsync(
            new Data.FollowUps.FollowUpActor(managerId, "王建国", [AppRoles.Manager]), june, "CS-3a",
            new Data.KpiComments.KpiCommentDraft("六月系统停机两天", "停机时改用电话登记", managerId, new DateOnly(2026, 7, 31)), 0);

        Assert.Equal(archived, await manager.GetByteArrayAsync("/reports/kpi/2026-06.pdf"));
        Assert.Equal(archivedXlsx, await manager.GetByteArrayAsync("/reports/kpi/2026-06.xlsx"));
        var page = WebUtility.HtmlDecode(await manager.GetStringAsync("/kpi?month=2026-06"));
        Assert.Contains("六月系统停机两天", page);
        Assert.Contains("定版后填写", page);
        // A live file (with an as-of) has it.
        var live = await manager.GetByteArrayAsync("/reports/kpi/2026-06.pdf?asOf=2026-07-01T00:00");
        using var document = PdfDocument.Open(live);
        Assert.Contains("六月系统停机两天", string.Concat(document.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)));
    }

    [Fact]
    public async Task ReopeningNeedsAnAdminAndAReasonIsAuditedAndTheNextCloseKeepsTheOldFiles()
    {
        using var admin = await app.Factory.SignInAsync(AppRoles.Admin);
        var september = new ReportMonth(2026, 9);
        var first = await Closer.CloseAsync(september, Manager);

        var twice = await Assert.ThrowsAsync<MonthCloseException>(() => Closer.CloseAsync(september, Manager));
        Assert.Contains("already closed", twice.Message);
        Assert.Contains("manager@serviceinsights.local", twice.Message);
        Assert.Contains("Only a Manager", (await Assert.ThrowsAsync<MonthCloseException>(() => Closer.CloseAsync(new ReportMonth(2026, 8), Admin))).Message);
        Assert.Contains("Only an Admin", (await Assert.ThrowsAsync<MonthCloseException>(() => Closer.ReopenAsync(september, Manager, "typo"))).Message);
        var noReason = await Assert.ThrowsAsync<MonthCloseException>(() => Closer.ReopenAsync(september, Admin, "  "));
        Assert.Contains("needs a reason", noReason.Message);
        // The page words each refusal in its language; the message stays the log's and the CLI's.
        Assert.Equal("2026-09 已于 " + first.ClosedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)
            + " 由 manager@serviceinsights.local 定版；需由系统管理员先重新打开。", RefusalText.Text(twice, TestLocalizer.UseCulture("zh-CN")));
        Assert.Equal("Reopening 2026-09 needs a reason.", RefusalText.Text(noReason, TestLocalizer.UseCulture("en-US")));
        Assert.Equal("重新打开 2026-09 需要填写原因。", RefusalText.Text(noReason, TestLocalizer.UseCulture("zh-CN")));
        Assert.NotNull(await Archive.FindAsync(september));
        // On the dashboard of the closed month only an Admin is offered the reopening; nobody is offered a second close.
        var adminPage = await admin.GetStringAsync("/kpi?month=2026-09");
        Assert.Contains("data-testid=\"month-reopen\"", adminPage);
        Assert.DoesNotContain("data-testid=\"month-close\"", adminPage);
        using (var manager = await app.Factory.SignInAsync(AppRoles.Manager))
        {
            var managerPage = await manager.GetStringAsync("/kpi?month=2026-09");
            Assert.DoesNotContain("data-testid=\"month-reopen\"", managerPage);
            Assert.DoesNotContain("data-testid=\"month-close\"", managerPage);
            Assert.Contains("data-testid=\"month-close\"", await manager.GetStringAsync("/kpi?month=2026-07"));
        }

        var reopened = await Closer.ReopenAsync(september, Admin, "CS-4b 的返修记录迟到");

        Assert.Null(await Archive.FindAsync(september));
        Assert.Equal("admin@serviceinsights.local", reopened.ReopenedBy);
        Assert.Equal("CS-4b 的返修记录迟到", reopened.ReopenReason);
        Assert.False((await KpiJsonAsync(admin, "/api/kpi/2026-09")).GetProperty("closed").GetBoolean());
        var history = WebUtility.HtmlDecode(await admin.GetStringAsync("/kpi/closes"));
        Assert.Contains("CS-4b 的返修记录迟到", history);

        var second = await Closer.CloseAsync(september, Manager);

        Assert.Equal(2, second.Revision);
        var closes = await Archive.HistoryAsync(september);
        Assert.Equal([2, 1], closes.Select(c => c.Revision));
        Assert.True(closes[0].IsInForce);
        Assert.Equal("CS-4b 的返修记录迟到", closes[1].ReopenReason);
        Assert.Equal(16, (await Archive.FilesOfAsync(first.Id)).Count);
        Assert.Equal(16, (await Archive.FilesOfAsync(second.Id)).Count);
    }

    /// <summary>
    /// The month close writes each report's four files from one load (<c>ReportEditionsTests</c> counts the loads); each
    /// says what the report's download of that language and format says for the close's as-of: the same texts and figures
    /// (PDF read back with PdfPig, Excel with ClosedXML), the time of writing aside.
    /// </summary>
    [Fact]
    public async Task EachArchivedFileSaysWhatTheDownloadOfItsLanguageAndFormatSaysAsOfTheClose()
    {
        var clients = new Dictionary<string, HttpClient>();
        foreach (var language in new[] { "zh-CN", "en-US" })
        {
            clients[language] = await app.Factory.SignInAsync(AppRoles.Manager);
            Assert.Equal(HttpStatusCode.Redirect, (await clients[language].GetAsync($"/culture/set?culture={language}&redirectUri=%2F")).StatusCode);
        }

        await app.Factory.AddRecordsAsync(
            new TicketBuilder().No("GD-M1").ReceivedAt("2026-05-12 09:00").Customer("甲公司").Product("虫情测报灯", "M-A").Staff("张敏")
                .With(t => t.Origin = Origin.SelfMade).Build(),
            new TicketBuilder().No("GD-M2").ReceivedAt("2026-05-13 10:00").Customer("乙公司").Product("孢子捕捉仪", "B-2").Staff("王芳").Build(),
            new RepairBuilder().No("WX-M1").Ticket("GD-M1").ReceivedAt("2026-05-12 10:00").RepairedAt("2026-05-15 10:00").Build(),
            new CallbackBuilder().No("HF-M1").Ticket("GD-M1").At("2026-05-14 15:00").Staff("张敏").Satisfaction(5).Build(),
            new ComplaintBuilder().No("TS-M1").Ticket("GD-M2").ReceivedAt("2026-05-20 11:00").Customer("乙公司").Staff("王芳").Build());
        var may = new ReportMonth(2026, 5);

        var close = await Closer.CloseAsync(may, Manager);

        var compared = 0;
        foreach (var (language, manager) in clients)
        {
            foreach (var report in app.Factory.Services.GetServices<ReportDefinition>())
            {
                var segment = report.Segment;
                // Each file is worded in its own language: its title in the file's language, and its name.
                var title = ExportReading.Compact(TestLocalizer.UseCulture(language)[report.Names.TitleKey]);
                foreach (var format in ExportFormats.All)
                {
                    var archived = await Archive.FileAsync(may, segment, ExportFormats.Extension(format), language);
                    Assert.NotNull(archived);
                    Assert.Equal(report.Names.FileName(may, format, new CultureInfo(language)), archived.FileName);
                    var response = await manager.GetAsync(report.Names.DownloadUrl(may, format, $"{close.AsOf:yyyy-MM-dd'T'HH:mm}"));
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    Assert.Equal(archived.FileName, response.Content.Headers.ContentDisposition?.FileNameStar);
                    Assert.Equal(archived.ContentType, response.Content.Headers.ContentType?.MediaType);
                    var download = await response.Content.ReadAsByteArrayAsync();
                    var says = format == ExportFormat.Pdf ? PdfSays(archived.Content) : SheetSays(archived.Content);
                    Assert.Contains(says, text => ExportReading.Compact(text).Contains(title, StringComparison.Ordinal));
                    Assert.Equal(format == ExportFormat.Pdf ? PdfSays(download) : SheetSays(download), says);

                    compared++;
                }
            }
        }

        Assert.Equal(16, compared);
        Assert.Equal(16, (await Archive.FilesOfAsync(close.Id)).Count);
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    /// <summary>Each page's text, the time of writing ("生成时间 …" / "Generated …") taken out.</summary>
    private static List<string> PdfSays(byte[] pdf) =>
        [.. ExportReading.PdfPages(pdf).Select(p => GeneratedAt().Replace(p, "$1…"))];

    /// <summary>Every used cell of every sheet: sheet, address, value and number format; the time of writing's value taken out.</summary>
    private static List<string> SheetSays(byte[] xlsx)
    {
        using var workbook = ExportReading.Workbook(xlsx);
        var cells = new List<string>();
        foreach (var sheet in workbook.Worksheets)
        {
            foreach (var cell in sheet.CellsUsed())
            {
                var generated = cell.Address.ColumnNumber > 1 && cell.CellLeft().GetString() is "生成时间" or "Generated at";
                cells.Add($"{sheet.Name}!{cell.Address}={(generated ? "…" : $"{cell.DataType}:{Convert.ToString(cell.Value, CultureInfo.InvariantCulture)}")} [{cell.Style.NumberFormat.Format}]");
            }
        }

        return cells;
    }

    [GeneratedRegex(@"(生成时间|Generated)\d{4}-\d{2}-\d{2}\d{2}:\d{2}")]
    private static partial Regex GeneratedAt();

    private static async Task<JsonElement> KpiJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static JsonElement Rule(JsonElement report, string id) =>
        report.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("id").GetString() == id);
}
