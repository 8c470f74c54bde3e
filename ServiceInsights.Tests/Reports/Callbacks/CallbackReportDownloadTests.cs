using System.Net;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Exports;
using ServiceInsights.Tests.Hosting;
using static ServiceInsights.Tests.Exports.ExportReading;

namespace ServiceInsights.Tests.Reports.Callbacks;

/// <summary>The callback report's download endpoints over HTTP with real sign-in cookies: Staff (and Managers) get the
/// files, a quality engineer gets no file.</summary>
public class CallbackReportDownloadTests
{
    [Fact]
    public async Task StaffDownloadsThePdfAndTheWorkbookAndAQualityEngineerGetsNoFile()
    {
        using var app = new AppFactory();
        using (var anonymous = app.CreateAnonymousClient())
        {
            await anonymous.GetAsync("/healthz"); // starts the app: migrations and demo users
        }

        await app.AddRecordsAsync(new CallbackBuilder().No("HF-DL-1").At("2026-10-12 10:00").Method(CallbackMethod.Phone).Customer("荆州市农业局").Build());

        using var staff = await app.SignInAsync(AppRoles.Staff);
        var pdf = await staff.GetAsync("/reports/callbacks/2026-10.pdf?asOf=2026-11-27T00:00");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("回访报告-2026-10.pdf", pdf.Content.Headers.ContentDisposition?.FileNameStar);
        var text = string.Concat(PdfPages(await pdf.Content.ReadAsByteArrayAsync()));
        Assert.Contains("月度回访报告", text);
        Assert.Contains("HF-DL-1", text);

        var xlsx = await staff.GetAsync("/reports/callbacks/2026-10.xlsx?asOf=2026-11-27T00:00");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        Assert.Equal("回访报告-2026-10.xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar);
        using (var workbook = Workbook(await xlsx.Content.ReadAsByteArrayAsync()))
        {
            Assert.Equal(1, DetailRows(workbook.Worksheet("回访明细")));
        }

        using var quality = await app.SignInAsync(AppRoles.QualityEngineer);
        var denied = await quality.GetAsync("/reports/callbacks/2026-10.pdf");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/access-denied", denied.Headers.Location?.OriginalString);
        Assert.NotEqual("application/pdf", denied.Content.Headers.ContentType?.MediaType);
    }
}
