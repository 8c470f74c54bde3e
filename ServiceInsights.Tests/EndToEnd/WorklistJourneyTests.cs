using ClosedXML.Excel;
using Microsoft.Playwright;
using ServiceInsights.Data.Domain;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace ServiceInsights.Tests.EndToEnd;

/// <summary>
/// Staff act on the month (issue 17): the callback worklist, an SMS copied, the worklist downloaded, two rows filled in Excel
/// (ClosedXML here) and imported back through the normal import — the two calls leave the list and the KPI moves.
/// </summary>
[Trait("Category", "EndToEnd")]
public class WorklistJourneyTests
{
    private const string WorklistUrl = "/callbacks/worklist?rule=CS-3d&due=all&asOf=2026-11-05T09:00";

    [Fact]
    public async Task StaffCopiesAnSmsDownloadsTheWorklistFillsTwoRowsImportsItAndSeesTheCallsGoneAndTheKpiMoved()
    {
        using var folder = new TempFolder();
        using var app = new AppFactory();
        var baseAddress = app.StartKestrel();
        await app.AddRecordsAsync(
            new TicketBuilder().No("GD-J1").ReceivedAt("2026-11-02 08:00").ResolvedAt("2026-11-02 10:00").Staff("张丽").Customer("山东农科")
                .Product("土壤检测仪", "TR-1").With(t => (t.Contact, t.Phone) = ("李工", "13800000001")).Build(),
            new TicketBuilder().No("GD-J2").ReceivedAt("2026-11-03 08:00").ResolvedAt("2026-11-03 10:00").Staff("张丽").Customer("寿光合作社")
                .Product("土壤检测仪", "TR-1").With(t => (t.Contact, t.Phone) = ("王工", "13800000002")).Build(),
            new TicketBuilder().No("GD-J3").ReceivedAt("2026-11-03 09:00").ResolvedAt("2026-11-03 11:00").Staff("张丽").Customer("潍坊植保站")
                .Product("土壤检测仪", "TR-1").Build());
        await using var browser = await BrowserSession.StartAsync(baseAddress);
        var page = browser.Page;
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await browser.SignInAsync(AppRoles.Staff);

        // The KPI before: CS-3d judged now (December), the three calls were never made — 0 of 3 met.
        await page.GotoAsync("/kpi/staff?month=2026-11");
        await browser.WaitForInteractiveAsync();
        var callRate = page.Locator("[data-testid=scorecard-row][data-staff=张丽] [data-testid=scorecard-rate][data-rule=CS-3d]");
        await Expect(callRate).ToHaveTextAsync("0.0%");

        // The SMS of the whole list: the weekly text, copied to the clipboard as shown.
        await page.GotoAsync("/callbacks/worklist?due=all&asOf=2026-11-05T09:00");
        await browser.WaitForInteractiveAsync();
        var sms = page.GetByTestId("worklist-sms").First;
        var text = await sms.GetByTestId("worklist-sms-text").TextContentAsync();
        Assert.StartsWith("【工程服务部】", text);
        await sms.GetByTestId("worklist-sms-copy").ClickAsync();
        Assert.Equal(text, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        // The phone calls (CS-3d): three, downloaded as the 回访记录 import file.
        await page.GotoAsync(WorklistUrl);
        await browser.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("worklist-ticket")).ToHaveTextAsync(["GD-J1", "GD-J2", "GD-J3"]);
        await browser.ShotAsync("worklist-01-before");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("worklist-xlsx").ClickAsync());
        var file = folder.File("回访记录-worklist.xlsx");
        await download.SaveAsAsync(file);

        // Two rows filled in as a person would in Excel; the third left empty (未填写: skipped, not rejected).
        using (var workbook = new XLWorkbook(file))
        {
            var sheet = workbook.Worksheets.First();
            var headers = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
            foreach (var (ticket, at) in new[] { ("GD-J1", "2026-11-04 10:00"), ("GD-J2", "2026-11-04 11:00") })
            {
                var row = sheet.RowsUsed().Skip(1).Single(r => r.Cell(headers.IndexOf("工单号") + 1).GetString() == ticket);
                row.Cell(headers.IndexOf("回访时间") + 1).Value = DateTime.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
                row.Cell(headers.IndexOf("是否接通") + 1).Value = "是";
                row.Cell(headers.IndexOf("问题是否解决") + 1).Value = "是";
                row.Cell(headers.IndexOf("满意度") + 1).Value = "满意";
            }

            workbook.Save();
        }

        // Imported back through the normal import.
        await page.GotoAsync("/import");
        await browser.WaitForInteractiveAsync();
        var dataTransfer = await page.EvaluateHandleAsync("() => new DataTransfer()");
        await page.GetByTestId("import-dropzone").DispatchEventAsync("dragenter", new { dataTransfer });
        await page.Locator("input[type=file]").SetInputFilesAsync(file);
        var card = page.Locator("[data-testid=import-file]");
        await Expect(card).ToHaveAttributeAsync("data-stage", "Ready");
        await card.GetByTestId("import-commit").ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-stage", "Done");
        await Expect(card.GetByTestId("import-result").GetByTestId("count-new")).ToContainTextAsync("2");

        // The two calls left the list at once; the KPI moved: 2 of 3 met.
        await page.GotoAsync(WorklistUrl);
        await browser.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("worklist-ticket")).ToHaveTextAsync(["GD-J3"]);
        await browser.ShotAsync("worklist-02-after");
        await page.GotoAsync("/kpi/staff?month=2026-11");
        await browser.WaitForInteractiveAsync();
        await Expect(callRate).ToHaveTextAsync("66.7%");

        Assert.True(browser.Problems.Count == 0, string.Join(Environment.NewLine, browser.Problems));
    }
}
