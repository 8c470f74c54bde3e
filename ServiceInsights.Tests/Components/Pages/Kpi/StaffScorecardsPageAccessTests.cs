using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Import;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Hosting;

namespace ServiceInsights.Tests.Components.Pages.Kpi;

/// <summary>DP-1 on /kpi/staff over HTTP with real cookies: a Manager sees every staff member's scorecard, a Staff user only
/// their own, a quality engineer is turned away.</summary>
public class StaffScorecardsPageAccessTests
{
    [Fact]
    public async Task AStaffUserSeesOnlyTheirOwnScorecardAndAManagerSeesEveryone()
    {
        using var app = new AppFactory();
        using var folder = new TempFolder();
        var csv = ImportFileBuilder.Csv(folder, "tickets.csv", ImportFileBuilder.Utf8, ["工单号", "来电时间", "客服"],
            ["GD-1", "2026-10-12 09:00", "张丽"], ["GD-2", "2026-10-12 10:00", "王芳"], ["GD-3", "2026-10-13 10:00", "王芳"]);
        using (var client = app.CreateAnonymousClient())
        {
            await client.GetAsync("/healthz"); // starts the app: migrations and demo users
        }

        var result = await app.Services.GetRequiredService<ImportService>().ImportAsync(csv, "tickets.csv", new ImportOptions(UserName: "test"));
        Assert.True(result.Clean, result.FatalError);

        using var staff = await app.SignInAsync(AppRoles.Staff); // the demo Staff user is 张丽
        var own = WebUtility.HtmlDecode(await staff.GetStringAsync("/kpi/staff?month=2026-10"));
        Assert.Contains("data-staff=\"张丽\"", own);
        Assert.DoesNotContain("data-staff=\"王芳\"", own);

        using var manager = await app.SignInAsync(AppRoles.Manager);
        var all = WebUtility.HtmlDecode(await manager.GetStringAsync("/kpi/staff?month=2026-10"));
        Assert.Contains("data-staff=\"张丽\"", all);
        Assert.Contains("data-staff=\"王芳\"", all);

        using var quality = await app.SignInAsync(AppRoles.QualityEngineer);
        var denied = await quality.GetAsync("/kpi/staff?month=2026-10");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
    }
}
