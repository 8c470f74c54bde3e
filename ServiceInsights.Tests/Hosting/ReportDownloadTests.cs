using System.Net;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Tests.Builders;
using UglyToad.PdfPig;

namespace ServiceInsights.Tests.Hosting;

/// <summary>
/// The repair turnaround and KPI report downloads through the real endpoints with real sign-in cookies: the allowed roles get
/// the file (content type, file name, readable content), the others are turned away without a file.
/// </summary>
public sealed class ReportDownloadTests(AppFixture app) : IClassFixture<AppFixture>
{
    public static TheoryData<string, string, bool> RoleUrlAllowed() => new()
    {
        { AppRoles.QualityEngineer, "/reports/repairs/2026-10.pdf?asOf=2026-11-27T00:00", true },
        { AppRoles.Manager, "/reports/repairs/2026-10.xlsx", true },
        { AppRoles.Staff, "/reports/repairs/2026-10.pdf", false },
        { AppRoles.Manager, "/reports/kpi/2026-10.pdf?asOf=2026-11-27T00:00", true },
        { AppRoles.Admin, "/reports/kpi/2026-10.xlsx?asOf=2026-11-27T00:00", true },
        { AppRoles.QualityEngineer, "/reports/kpi/2026-10.xlsx", false },
        { AppRoles.Staff, "/reports/kpi/2026-10.pdf", false },
    };

    [Theory]
    [MemberData(nameof(RoleUrlAllowed))]
    public async Task TheAllowedRoleGetsTheFileAndADeniedRoleDoesNot(string role, string url, bool allowed)
    {
        using var client = await app.Factory.SignInAsync(role); // starts the app (and migrates its database) first
        await SeedOnceAsync();
        var response = await client.GetAsync(url);

        if (!allowed)
        {
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Content.Headers.ContentDisposition);
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var pdf = url.Contains(".pdf", StringComparison.Ordinal);
        var kind = url.Contains("/repairs/", StringComparison.Ordinal) ? "返厂维修周转" : "月度KPI报告";
        Assert.Equal(pdf ? "application/pdf" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{kind}-2026-10.{(pdf ? "pdf" : "xlsx")}", response.Content.Headers.ContentDisposition?.FileNameStar);
        if (pdf)
        {
            using var document = PdfDocument.Open(bytes);
            Assert.Contains(kind, string.Concat(document.GetPage(1).Letters.Select(l => l.Value)));
        }
        else
        {
            using var workbook = new ClosedXML.Excel.XLWorkbook(new MemoryStream(bytes));
            Assert.Equal("汇总", workbook.Worksheet(1).Name);
        }
    }

    private static readonly SemaphoreSlim Seeded = new(1, 1);
    private static readonly HashSet<AppFactory> SeededApps = [];

    private async Task SeedOnceAsync()
    {
        await Seeded.WaitAsync();
        try
        {
            if (SeededApps.Add(app.Factory))
            {
                await app.Factory.AddRecordsAsync(
                    new TicketBuilder().No("GD-R1").Customer("甲公司").Product("虫情测报灯", "M-A").Staff("张敏").With(t => t.Origin = Origin.SelfMade).Build(),
                    new RepairBuilder().No("WX-R1").Ticket("GD-R1").ReceivedAt("2026-10-12 10:00").RepairedAt("2026-10-15 10:00").Build());
            }
        }
        finally
        {
            Seeded.Release();
        }
    }
}
