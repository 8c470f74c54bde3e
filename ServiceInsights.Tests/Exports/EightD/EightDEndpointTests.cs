using System.Net;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.EightD;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Hosting;
using ServiceInsights.Web.Hosting;
using UglyToad.PdfPig;

namespace ServiceInsights.Tests.Exports.EightD;

/// <summary><c>GET /eightd/{number}.pdf|.xlsx</c>: quality engineers and managers download the form; staff and admins are denied.</summary>
public sealed class EightDEndpointTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string ComplaintNo = "TS-ENDPOINT";

    private async Task<string> NumberAsync()
    {
        var service = app.Factory.Services.GetRequiredService<EightDService>();
        if (await service.FindByComplaintAsync(ComplaintNo) is { } existing)
        {
            return existing.Number;
        }

        await app.Factory.AddRecordsAsync(new ComplaintBuilder().No(ComplaintNo).Customer("河南省植保站").ReceivedAt("2026-11-02 09:00").Build());
        return (await service.CreateFromComplaintAsync(ComplaintNo, DemoUsers.All.Single(u => u.Role == AppRoles.QualityEngineer).Email)).Number;
    }

    [Theory]
    [InlineData(AppRoles.QualityEngineer)]
    [InlineData(AppRoles.Manager)]
    public async Task QualityEngineersAndManagersGetThePdf(string role)
    {
        var number = await NumberAsync();
        using var client = await app.Factory.SignInAsync(role);

        var response = await client.GetAsync($"/eightd/{number}.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{number}.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Concat(pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)).Replace(" ", "");
        Assert.Contains(number, text);
        Assert.Contains(ComplaintNo, text);
        Assert.Contains("D8结案与团队表彰", text); // the default culture is zh-CN
        // People by display name: the author's name, never the login.
        Assert.Contains("编制李明", text);
        Assert.DoesNotContain("quality@serviceinsights.local", text);
    }

    [Theory]
    [InlineData(AppRoles.QualityEngineer)]
    [InlineData(AppRoles.Manager)]
    public async Task QualityEngineersAndManagersGetTheWorkbook(string role)
    {
        var number = await NumberAsync();
        using var client = await app.Factory.SignInAsync(role);

        var response = await client.GetAsync($"/eightd/{number}.xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{number}.xlsx", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        using var workbook = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal(number, workbook.Worksheet(1).Name);
        Assert.Contains(workbook.Worksheet(2).RowsUsed(), r => r.Cell(2).GetString() == ComplaintNo);
    }

    [Theory]
    [InlineData(AppRoles.Staff, "pdf")]
    [InlineData(AppRoles.Staff, "xlsx")]
    [InlineData(AppRoles.Admin, "pdf")]
    [InlineData(AppRoles.Admin, "xlsx")]
    public async Task StaffAndAdminsAreDenied(string role, string extension)
    {
        var number = await NumberAsync();
        using var client = await app.Factory.SignInAsync(role);

        var response = await client.GetAsync($"/eightd/{number}.{extension}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location?.PathAndQueryOrOriginal());
    }

    [Fact]
    public async Task AnAnonymousVisitorIsSentToSignIn()
    {
        var number = await NumberAsync();
        using var client = app.Factory.CreateAnonymousClient();

        var response = await client.GetAsync($"/eightd/{number}.pdf");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQueryOrOriginal());
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("xlsx")]
    public async Task AnUnknownNumberIsNotFound(string extension)
    {
        using var client = await app.Factory.SignInAsync(AppRoles.QualityEngineer);

        var response = await client.GetAsync($"/eightd/8D-2026-9999.{extension}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
