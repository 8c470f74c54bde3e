using ClosedXML.Excel;
using Microsoft.Playwright;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Hosting;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace ServiceInsights.Tests.EndToEnd;

[Trait("Category", "EndToEnd")]
public class ReportDownloadJourneyTests
{
    [Fact]
    public async Task StaffDownloadsTheCallbackReportAsPdfAndExcelButNotTheComplaintSummary()
    {
        using var app = new AppFactory();
        using var folder = new TempFolder();
        var baseAddress = app.StartKestrel();
        await app.AddRecordsAsync(
            new CallbackBuilder().No("HF-E2E-1").At("2026-10-12 10:00").Method(CallbackMethod.Phone).Customer("荆州市农业局").Satisfaction(5)
                .With(c => (c.Solved, c.RunningNormally) = (true, true)).Build(),
            new CallbackBuilder().No("HF-E2E-2").At("2026-10-20 15:00").Method(CallbackMethod.SmsWeekly).Customer("武汉种子站").Satisfaction(2).Build(),
            new ComplaintBuilder().No("TS-E2E-1").ReceivedAt("2026-10-15 10:00").Customer("宜昌植保站").Build());
        await using var browser = await BrowserSession.StartAsync(baseAddress);
        var page = browser.Page;
        await browser.SignInAsync(AppRoles.Staff);

        await page.GotoAsync("/reports/callbacks?month=2026-10&asOf=2026-11-27T00:00");
        await browser.WaitForInteractiveAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("回访报告");
        var pdfLink = page.GetByTestId("download-pdf");
        var xlsxLink = page.GetByTestId("download-xlsx");
        await Expect(pdfLink).ToHaveAttributeAsync("href", "/reports/callbacks/2026-10.pdf?asOf=2026-11-27T00%3A00");
        await browser.ShotAsync("report-01-callbacks");

        // The PDF from the page's button: a real file with the Chinese title and the month's callbacks.
        var pdfDownload = await page.RunAndWaitForDownloadAsync(() => pdfLink.ClickAsync());
        Assert.Equal("回访报告-2026-10.pdf", pdfDownload.SuggestedFilename);
        var pdfPath = folder.File("report.pdf");
        await pdfDownload.SaveAsAsync(pdfPath);
        using (var pdf = PdfDocument.Open(pdfPath))
        {
            var text = string.Concat(pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)).Replace(" ", "");
            Assert.Contains("月度回访报告", text);
            Assert.Contains("2026年10月", text);
            Assert.Contains("HF-E2E-2", text);
        }

        // The workbook from the other button: opens with ClosedXML, one detail row per callback.
        var xlsxDownload = await page.RunAndWaitForDownloadAsync(() => xlsxLink.ClickAsync());
        Assert.Equal("回访报告-2026-10.xlsx", xlsxDownload.SuggestedFilename);
        var xlsxPath = folder.File("report.xlsx");
        await xlsxDownload.SaveAsAsync(xlsxPath);
        using (var workbook = new XLWorkbook(xlsxPath))
        {
            Assert.Equal("月度回访报告", workbook.Worksheet("汇总").Cell(2, 1).GetString());
            Assert.Equal(2, workbook.Worksheet("回访明细").LastRowUsed()!.RowNumber() - 1);
        }

        // The content types the links serve, fetched with the browser's own cookies.
        var pdfResponse = await page.Context.APIRequest.GetAsync(await pdfLink.GetAttributeAsync("href") ?? "");
        Assert.Equal("application/pdf", pdfResponse.Headers["content-type"]);
        var xlsxResponse = await page.Context.APIRequest.GetAsync(await xlsxLink.GetAttributeAsync("href") ?? "");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsxResponse.Headers["content-type"]);

        // The complaint summary is not Staff's: the endpoint sends them to "access denied", never a file.
        var denied = await page.Context.APIRequest.GetAsync("/reports/complaints/2026-10.pdf", new APIRequestContextOptions { MaxRedirects = 0 });
        Assert.Equal(302, denied.Status);
        Assert.Contains("/account/access-denied", denied.Headers["location"]);
        Assert.DoesNotContain("application/pdf", denied.Headers.GetValueOrDefault("content-type") ?? "");
        await page.GotoAsync("/reports/complaints?month=2026-10");
        await Expect(page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("download-pdf")).ToHaveCountAsync(0);

        Assert.True(browser.Problems.Count == 0, string.Join(Environment.NewLine, browser.Problems));
    }
}
