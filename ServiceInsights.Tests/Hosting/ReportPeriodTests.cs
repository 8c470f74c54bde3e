using System.Net;
using ServiceInsights.Data.Domain;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Cli;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tests.Hosting;

/// <summary>
/// The one reader of a report's month and as-of (<see cref="ReportPeriod"/>): the forms it reads, the years it accepts (those
/// of the working calendar, one either side), and the same edges on a page, a download, the JSON API and the CLI.
/// </summary>
public sealed class ReportPeriodTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>The test app's calendar holds 2023–2026.</summary>
    private static readonly ReportYears Years = ReportYears.Around([2023, 2024, 2025, 2026], new DateOnly(2026, 12, 7));

    [Theory]
    [InlineData("2022-01", null)]
    [InlineData("2027-12", null)]
    [InlineData("2021-12", "month '2021-12' is outside the years of the working calendar (2022–2027).")]
    [InlineData("2028-01", "month '2028-01' is outside the years of the working calendar (2022–2027).")]
    [InlineData("2026-13", "month '2026-13' is not a month in the form yyyy-MM.")]
    [InlineData("", "month '' is not a month in the form yyyy-MM.")]
    public void AMonthIsReadInTheFormYearMonthWithinTheCalendarYearsOneEitherSide(string text, string? error)
    {
        Assert.Equal(error, ReportPeriod.CheckMonth(text, Years, out var month));
        if (error is null)
        {
            Assert.Equal(text, month.ToString());
        }
    }

    [Theory]
    [InlineData("2026-11-27T00:00", "2026-11-27 00:00:00")]
    [InlineData("2026-11-27T08:30:15", "2026-11-27 08:30:15")]
    [InlineData(" 2026-11-27 08:30 ", "2026-11-27 08:30:00")]
    [InlineData("2026-11-27 08:30:15", "2026-11-27 08:30:15")]
    [InlineData("2026-11-27", "2026-11-27 00:00:00")]
    [InlineData("2022-01-01T00:00", "2022-01-01 00:00:00")]
    [InlineData("2027-12-31T23:59", "2027-12-31 23:59:00")]
    public void AnAsOfIsReadInTheDepartmentsLocalTime(string text, string expected)
    {
        Assert.Null(ReportPeriod.CheckAsOf(text, Years, out var local));
        Assert.Equal(expected, local!.Value.ToString("yyyy-MM-dd HH:mm:ss"));
        Assert.Equal(DateTimeKind.Unspecified, local.Value.Kind);
    }

    [Theory]
    [InlineData("2021-12-31T23:59", "outside the years of the working calendar (2022–2027)")]
    [InlineData("2028-01-01", "outside the years of the working calendar (2022–2027)")]
    [InlineData("27/11/2026", "is not a local date-time such as 2026-11-27T00:00")]
    [InlineData("2026-11-27T24:00", "is not a local date-time")]
    public void AnAsOfOutsideTheYearsOrInAnotherFormIsRefused(string text, string reason)
    {
        Assert.Contains(reason, ReportPeriod.CheckAsOf(text, Years, out var local));
        Assert.Null(local);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void NoAsOfMeansNow(string? text)
    {
        Assert.Null(ReportPeriod.CheckAsOf(text, Years, out var local));
        Assert.Null(local);
        Assert.Null(ReportPeriod.AsOfOrNow(text));
        Assert.Null(ReportPeriod.AsOfLink(text));
    }

    [Fact]
    public void APagesLinksCarryItsAsOfInOneForm()
    {
        Assert.Equal("2026-11-27T00:00", ReportPeriod.AsOfLink("2026-11-27"));
        Assert.Equal("2026-11-27T08:30", ReportPeriod.AsOfLink("2026-11-27 08:30"));
        Assert.Null(ReportPeriod.AsOfLink("someday"));
    }

    [Theory]
    [InlineData("/reports/repairs?month=2022-01", HttpStatusCode.OK)]
    [InlineData("/reports/repairs?month=2027-12&asOf=2027-12-31T23:59", HttpStatusCode.OK)]
    [InlineData("/reports/repairs?month=2021-12", HttpStatusCode.BadRequest)]
    [InlineData("/reports/repairs?month=2026-10&asOf=2028-01-01", HttpStatusCode.BadRequest)]
    [InlineData("/reports/repairs/2022-01.xlsx", HttpStatusCode.OK)]
    [InlineData("/reports/repairs/2028-01.xlsx", HttpStatusCode.BadRequest)]
    [InlineData("/reports/repairs/2026-10.xlsx?asOf=2021-12-31T23:59", HttpStatusCode.BadRequest)]
    [InlineData("/api/kpi/2027-12?asOf=2027-12-31T23:59", HttpStatusCode.OK)]
    [InlineData("/api/kpi/2028-01", HttpStatusCode.BadRequest)]
    public async Task PagesDownloadsAndTheApiAcceptTheSameYears(string url, HttpStatusCode expected)
    {
        using var client = await app.Factory.SignInAsync(AppRoles.Manager);
        var response = await client.GetAsync(url);
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("callbacks", "2026-11-27", "2026-11-27T00%3A00")]
    [InlineData("kpi", "2026-11-27 08:30", "2026-11-27T08%3A30")]
    public async Task AReportPageCarriesItsMonthAndAsOfIntoItsDownloadsInOneForm(string report, string asOf, string linked)
    {
        using var client = await app.Factory.SignInAsync(AppRoles.Manager);
        var page = await client.GetStringAsync($"/reports/{report}?month=2026-10&asOf={Uri.EscapeDataString(asOf)}");
        Assert.Contains($"href=\"/reports/{report}/2026-10.pdf?asOf={linked}\"", page);
        Assert.Contains($"href=\"/reports/{report}/2026-10.xlsx?asOf={linked}\"", page);
    }

    [Theory]
    [InlineData("--month", "2028-01", "--month '2028-01' is outside the years of the working calendar")]
    [InlineData("--month", "2021-12", "--month '2021-12' is outside the years of the working calendar")]
    [InlineData("--month", "2026-10", "--asof", "2028-01-01T00:00", "--asOf '2028-01-01T00:00' is outside the years of the working calendar")]
    public async Task TheReportVerbRefusesTheSameYearsWithTheUsageExitCode(params string[] args)
    {
        using var folder = new TempFolder();
        var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(["report", "repairs", .. args[..^1], "--format", "pdf", "--out", folder.File("x.pdf")], new StringWriter(), stderr,
            builder => builder.Configuration["ConnectionStrings:ServiceInsights"] = folder.SqliteConnectionString("cli.db"));
        Assert.Equal(CommandLine.Usage, exit);
        Assert.Contains(args[^1], stderr.ToString());
        Assert.False(File.Exists(folder.File("x.pdf")));
    }
}
