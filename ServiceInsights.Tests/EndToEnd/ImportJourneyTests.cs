using System.Security.Cryptography;
using System.Text;
using ClosedXML.Excel;
using Microsoft.Playwright;
using ServiceInsights.Data.Domain;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Hosting;
using static Microsoft.Playwright.Assertions;

namespace ServiceInsights.Tests.EndToEnd;

[Trait("Category", "EndToEnd")]
public class ImportJourneyTests
{
    private const string FileName = "工单-2026-03.csv";

    [Fact]
    public async Task StaffUploadsACsvPreviewsConfirmsSeesTheHistoryAndDownloadsTheRejectedRows()
    {
        using var folder = new TempFolder();
        var csv = folder.File(FileName);
        // Data rows are spreadsheet rows 2–4; row 4 has a date that does not exist.
        await File.WriteAllTextAsync(csv, """
            工单号,来电时间,渠道,客户单位,备用列
            T-0001,2026-03-05 14:20,电话,北方农机,x
            T-0002,2026/3/6 9:00,短信,南方农机,
            T-0003,2026-13-45,电话,东方农机,
            """, new UTF8Encoding(true));
        var pdf = folder.File("说明.pdf");
        await File.WriteAllTextAsync(pdf, "%PDF-1.4");

        using var app = new AppFactory();
        await using var browser = await BrowserSession.StartAsync(app.StartKestrel());
        var page = browser.Page;
        await browser.SignInAsync(AppRoles.Staff);

        // Staff reach the import from the drawer.
        await page.Locator(".mud-drawer").GetByRole(AriaRole.Link, new() { Name = "数据导入" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("数据导入");
        await browser.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("import-history")).ToContainTextAsync("还没有导入记录");
        await browser.ShotAsync("import-01-empty");

        // A file dropped beside the zone is not opened by the browser (which would leave the app).
        Assert.True(await page.EvaluateAsync<bool>("""
            () => {
                const files = new DataTransfer();
                files.items.add(new File(["x"], "x.csv"));
                const drop = new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: files });
                document.querySelector("h1").dispatchEvent(drop);
                return drop.defaultPrevented;
            }
            """));

        // Dragging files over the zone lays the (transparent) file input over it, so the drop lands on the input. The round
        // trip also proves the circuit has wired up the input: a change fired before that is lost.
        var input = page.Locator("input[type=file]");
        await Expect(input).ToBeHiddenAsync();
        var dataTransfer = await page.EvaluateHandleAsync("() => new DataTransfer()");
        await page.GetByTestId("import-dropzone").DispatchEventAsync("dragenter", new { dataTransfer });
        await Expect(input).ToBeVisibleAsync();

        // Two files at once: the PDF is refused by name, the CSV is previewed.
        await input.SetInputFilesAsync([csv, pdf]);
        var refused = page.Locator("[data-testid=import-file][data-file='说明.pdf']");
        await Expect(refused.GetByTestId("import-problem")).ToContainTextAsync("“说明.pdf”不是可导入的文件类型");
        var card = page.Locator($"[data-testid=import-file][data-file='{FileName}']");
        await Expect(card).ToHaveAttributeAsync("data-stage", "Ready");
        await Expect(card.GetByTestId("import-kind")).ToHaveTextAsync("工单");
        await Expect(card.GetByTestId("count-new")).ToContainTextAsync("2");
        await Expect(card.GetByTestId("count-rejected")).ToContainTextAsync("1");
        await Expect(card.GetByTestId("import-table")).ToContainTextAsync("备用列");
        var error = card.GetByTestId("import-error");
        await Expect(error).ToHaveCountAsync(1);
        await Expect(error).ToContainTextAsync("4");
        await Expect(error).ToContainTextAsync("来电时间");
        await Expect(error).ToContainTextAsync("2026-13-45");
        await Expect(error).ToContainTextAsync("不是可识别的日期时间");
        await Expect(input).ToBeHiddenAsync();
        await browser.ShotAsync("import-02-preview");

        // Confirm: the import runs to the end and the result gives the counts.
        await card.GetByTestId("import-commit").ClickAsync();
        await Expect(card).ToHaveAttributeAsync("data-stage", "Done");
        var result = card.GetByTestId("import-result");
        await Expect(result).ToHaveAttributeAsync("data-status", "PartlyRejected");
        await Expect(result.GetByTestId("import-result-status")).ToContainTextAsync("2 行已导入，1 行被拒绝");
        await Expect(result.GetByTestId("count-new")).ToContainTextAsync("2");
        await Expect(result).ToContainTextAsync("共处理 3 行");

        // The history lists the file, by the staff user.
        var history = page.GetByTestId("import-history");
        await Expect(history.GetByTestId("history-file").First).ToHaveTextAsync(FileName);
        await Expect(history.GetByTestId("history-user").First).ToHaveTextAsync("staff@serviceinsights.local");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(csv)));
        await Expect(history.Locator(".si-sha").First).ToHaveTextAsync(sha256[..12] + "…");
        await Expect(history.GetByTestId("history-status").First).ToHaveTextAsync("部分行被拒绝");
        await page.EvaluateAsync("window.scrollTo(0, 0)"); // a full-page shot of a scrolled page draws the app bar mid-page
        await browser.ShotAsync("import-03-result");

        // The rejected rows come back as a workbook to fix and re-import.
        var download = await page.RunAndWaitForDownloadAsync(() => result.GetByTestId("import-download-rejected").ClickAsync());
        Assert.Equal("工单-2026-03-被拒绝的行.xlsx", download.SuggestedFilename);
        await using (var stream = File.OpenRead(await download.PathAsync()))
        using (var workbook = new XLWorkbook(stream))
        {
            var sheet = workbook.Worksheet("工单");
            Assert.Equal("工单号", sheet.Cell(1, 1).GetString());
            Assert.Equal("T-0003", sheet.Cell(2, 1).GetString());
            Assert.Equal("2026-13-45", sheet.Cell(2, 2).GetString());
            Assert.Equal("4", sheet.Cell(2, 6).GetString());
            Assert.Contains("不是可识别的日期时间", sheet.Cell(2, 7).GetString());
        }

        // The imported records are in the tickets grid of their month; the rejected one is not.
        await page.GotoAsync("/tickets?month=2026-03");
        await browser.WaitForInteractiveAsync();
        var grid = page.Locator(".mud-table-body");
        await Expect(grid).ToContainTextAsync("T-0001");
        await Expect(grid).ToContainTextAsync("T-0002");
        await Expect(grid).ToContainTextAsync("北方农机");
        await Expect(grid).Not.ToContainTextAsync("T-0003");
        await browser.ShotAsync("import-03b-tickets");
        await page.GotoAsync("/import");
        await browser.WaitForInteractiveAsync();

        // The same page in English.
        await page.GetByTestId("user-menu-button").ClickAsync();
        await page.GetByTestId("lang-en").ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Import data");
        await browser.WaitForInteractiveAsync();
        await Expect(page.GetByTestId("history-status").First).ToHaveTextAsync("Some rows rejected");
        await browser.ShotAsync("import-04-english");

        Assert.True(browser.Problems.Count == 0, string.Join(Environment.NewLine, browser.Problems));
    }
}
