using System.Net;
using ServiceInsights.Data.Domain;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Exports;
using ServiceInsights.Tests.Hosting;
using static ServiceInsights.Tests.Exports.ExportReading;

namespace ServiceInsights.Tests.Reports.Complaints;

/// <summary>The complaint summary's download endpoints over HTTP with real sign-in cookies: a quality engineer (and
/// Managers) get the files, Staff get no file.</summary>
public class ComplaintSummaryDownloadTests
{
    [Fact]
    public async Task AQualityEngineerDownloadsTheWorkbookAndThePdfAndStaffGetNoFile()
    {
        using var app = new AppFactory();
        using (var anonymous = app.CreateAnonymousClient())
        {
            await anonymous.GetAsync("/healthz"); // starts the app: migrations and demo users
        }

        await app.AddRecordsAsync(new ComplaintBuilder().No("TS-DL-1").ReceivedAt("2026-10-15 10:00").Customer("武汉种子站").Build());

        using var quality = await app.SignInAsync(AppRoles.QualityEngineer);
        var xlsx = await quality.GetAsync("/reports/complaints/2026-10.xlsx?asOf=2026-11-27T00:00");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("投诉月度汇总-2026-10.xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar);
        using (var workbook = Workbook(await xlsx.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal(1, DetailRows(workbook.Worksheet("投诉明细")));
        }

        var pdf = await quality.GetAsync("/reports/complaints/2026-10.pdf?asOf=2026-11-27T00:00");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("投诉月度汇总-2026-10.pdf", pdf.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("TS-DL-1", string.Concat(PdfPages(await pdf.Content.ReadAsByteArrayAsync())));

        using var staff = await app.SignInAsync(AppRoles.Staff);
        foreach (var path in new[] { "/reports/complaints/2026-10.pdf", "/reports/complaints/2026-10.xlsx" })
        {
            var denied = await staff.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Contains("/account/access-denied", denied.Headers.Location?.OriginalString);
        }
    }
}
