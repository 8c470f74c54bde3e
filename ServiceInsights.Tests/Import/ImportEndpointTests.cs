using System.Net;
using ClosedXML.Excel;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Hosting;
using ServiceInsights.Web.Import;

namespace ServiceInsights.Tests.Import;

/// <summary>The rejected-rows download checks the Import policy itself and serves a workbook only to the user who ran the import.</summary>
public class ImportEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Staff = "staff@serviceinsights.local";

    [Fact]
    public async Task AnonymousVisitorIsSentToSignIn()
    {
        using var client = app.Factory.CreateAnonymousClient();
        var response = await client.GetAsync(await KeepForAsync(Staff));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQueryOrOriginal());
    }

    [Theory]
    [InlineData(AppRoles.Manager)]
    [InlineData(AppRoles.QualityEngineer)]
    public async Task RolesWithoutTheImportPolicyAreDenied(string role)
    {
        // Even with a valid token kept for them: the endpoint checks the role, not only the page.
        var email = Web.Hosting.DemoUsers.All.Single(u => u.Role == role).Email;
        var url = await KeepForAsync(email);
        using var client = await app.Factory.SignInAsync(role);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location?.PathAndQueryOrOriginal());
    }

    [Fact]
    public async Task TheUserWhoRanTheImportGetsTheWorkbookInChinese()
    {
        var url = await KeepForAsync(Staff);
        using var client = await app.Factory.SignInAsync(AppRoles.Staff);
        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ImportEndpoints.XlsxContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("tickets-被拒绝的行.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet("工单");
        Assert.Equal("错误原因", sheet.Cell(1, 6).GetString());
        Assert.Equal("2026-13-45", sheet.Cell(2, 2).GetString());
        Assert.Equal("=cmd", sheet.Cell(3, 3).GetString());
        Assert.Contains("不是可识别的日期时间", sheet.Cell(2, 6).GetString());
    }

    [Fact]
    public async Task TheWorkbookFollowsTheLanguageOfTheRequest()
    {
        var url = await KeepForAsync(Staff);
        using var client = await app.Factory.SignInAsync(AppRoles.Staff);
        await client.GetAsync("/culture/set?culture=en-US&redirectUri=%2F"); // the language switch of the user menu
        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tickets-rejected-rows.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        Assert.Equal("Reason", workbook.Worksheet(1).Cell(1, 6).GetString());
    }

    [Fact]
    public async Task AnotherUserWithTheImportPolicyGetsNotFound()
    {
        var url = await KeepForAsync(Staff);
        using var client = await app.Factory.SignInAsync(AppRoles.Admin);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/import/rejected/00000000000000000000000000000000.xlsx")]
    [InlineData("/import/rejected/not-a-token.xlsx")]
    public async Task AnUnknownTokenIsNotFound(string url)
    {
        using var client = await app.Factory.SignInAsync(AppRoles.Staff);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Keeps a result with rejected rows for the user, as the Import page does after an import, and returns the link.</summary>
    private async Task<string> KeepForAsync(string email)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        var token = await app.Factory.Services.GetRequiredService<RejectedRowsStore>().KeepAsync(ImportResults.TicketsWithRejections(dryRun: false), user!.Id);
        return ImportEndpoints.RejectedRowsUrl(token);
    }
}
