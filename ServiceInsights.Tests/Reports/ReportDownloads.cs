using System.Net;
using ServiceInsights.Data.Entities;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Hosting;
using UglyToad.PdfPig;

namespace ServiceInsights.Tests.Reports;

/// <summary>
/// What the download tests of the repair turnaround and KPI reports share: one repair in the app's database, and the check
/// of an answer — the allowed role gets the file (content type, file name, readable content), the others are turned away
/// without a file.
/// </summary>
internal static class ReportDownloads
{
    private static readonly SemaphoreSlim Seeded = new(1, 1);
    private static readonly HashSet<AppFactory> SeededApps = [];

    /// <summary>Adds a ticket and its repair of 2026-10 to the app's database, once per app.</summary>
    public static async Task SeedOnceAsync(AppFactory app)
    {
        await Seeded.WaitAsync();
        try
        {
            if (SeededApps.Add(app))
            {
                await app.AddRecordsAsync(
                    new TicketBuilder().No("GD-R1").Customer("甲公司").Product("虫情测报灯", "M-A").Staff("张敏").With(t => t.Origin = Origin.SelfMade).Build(),
                    new RepairBuilder().No("WX-R1").Ticket("GD-R1").ReceivedAt("2026-10-12 10:00").RepairedAt("2026-10-15 10:00").Build());
            }
        }
        finally
        {
            Seeded.Release();
        }
    }

    /// <param name="title">The report's file title in Chinese, which starts the file name and the PDF's first page.</param>
    public static async Task AssertAnswerAsync(HttpResponseMessage response, string url, string title, bool allowed)
    {
        if (!allowed)
        {
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Content.Headers.ContentDisposition);
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var pdf = url.Contains(".pdf", StringComparison.Ordinal);
        Assert.Equal(pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{title}-2026-10.{(pdf ? "pdf" : "xlsx")}", response.Content.Headers.ContentDisposition?.FileNameStar);
        if (pdf)
        {
            using var document = PdfDocument.Open(bytes);
            Assert.Contains(title, string.Concat(document.GetPage(1).Letters.Select(l => l.Value)));
        }
        else
        {
            using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(bytes));
            Assert.Equal("汇总", workbook.Worksheet(1).Name);
        }
    }
}
