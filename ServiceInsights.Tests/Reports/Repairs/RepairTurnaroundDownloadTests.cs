using ServiceInsights.Data.Domain;
using ServiceInsights.Tests.Hosting;

namespace ServiceInsights.Tests.Reports.Repairs;

/// <summary>The repair turnaround report's downloads through the real endpoints with real sign-in cookies: quality engineers
/// and Managers get the file, Staff get no file.</summary>
public sealed class RepairTurnaroundDownloadTests(AppFixture app) : IClassFixture<AppFixture>
{
    public static TheoryData<string, string, bool> RoleUrlAllowed() => new()
    {
        { AppRoles.QualityEngineer, "/reports/repairs/2026-10.pdf?asOf=2026-11-27T00:00", true },
        { AppRoles.Manager, "/reports/repairs/2026-10.xlsx", true },
        { AppRoles.Staff, "/reports/repairs/2026-10.pdf", false },
    };

    [Theory]
    [MemberData(nameof(RoleUrlAllowed))]
    public async Task TheAllowedRoleGetsTheFileAndADeniedRoleDoesNot(string role, string url, bool allowed)
    {
        using var client = await app.Factory.SignInAsync(role); // starts the app (and migrates its database) first
        await ReportDownloads.SeedOnceAsync(app.Factory);

        await ReportDownloads.AssertAnswerAsync(await client.GetAsync(url), url, "返厂维修周转", allowed);
    }
}
