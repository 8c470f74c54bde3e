using ServiceInsights.Data.Domain;
using ServiceInsights.Tests.Hosting;

namespace ServiceInsights.Tests.Reports.Kpi;

/// <summary>The monthly KPI report's downloads through the real endpoints with real sign-in cookies: Managers and Admins
/// get the file, quality engineers and Staff get no file.</summary>
public sealed class MonthlyKpiReportDownloadTests(AppFixture app) : IClassFixture<AppFixture>
{
    public static TheoryData<string, string, bool> RoleUrlAllowed() => new()
    {
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
        await ReportDownloads.SeedOnceAsync(app.Factory);

        await ReportDownloads.AssertAnswerAsync(await client.GetAsync(url), url, "月度KPI报告", allowed);
    }
}
