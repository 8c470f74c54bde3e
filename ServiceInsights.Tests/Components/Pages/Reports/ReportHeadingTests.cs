using Bunit;
using ServiceInsights.Data.Domain;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Pages.Reports;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Reports.Complaints;
using ServiceInsights.Web.Reports.Callbacks;
using ServiceInsights.Web.Reports.Repairs;

namespace ServiceInsights.Tests.Components.Pages.Reports;

/// <summary>The heading at the top of a report page: the download links, plain links (no JS) with the page's month and as-of,
/// and the warning for a year without a holiday schedule.</summary>
public sealed class ReportHeadingTests : MudTestContext
{
    [Fact]
    public void TheHeadingLinksThePdfAndTheWorkbookOfThePagesMonthAndAsOf()
    {
        var heading = Render<ReportHeading>(p => p
            .Add(c => c.Title, "回访报告")
            .Add(c => c.Month, new ReportMonth(2026, 10))
            .Add(c => c.AsOf, new DateTime(2026, 11, 27, 0, 0, 0))
            .Add(c => c.Report, CallbackReportDefinition.Declared)
            .Add(c => c.AsOfQuery, "2026-11-27T00:00"));

        var pdf = heading.Find("[data-testid=download-pdf]");
        Assert.Equal("A", pdf.TagName);
        Assert.Equal("/reports/callbacks/2026-10.pdf?asOf=2026-11-27T00%3A00", pdf.GetAttribute("href"));
        Assert.Equal("回访报告-2026-10.pdf", pdf.GetAttribute("download"));
        Assert.Contains("下载 PDF", pdf.TextContent);
        var xlsx = heading.Find("[data-testid=download-xlsx]");
        Assert.Equal("/reports/callbacks/2026-10.xlsx?asOf=2026-11-27T00%3A00", xlsx.GetAttribute("href"));
        Assert.Equal("回访报告-2026-10.xlsx", xlsx.GetAttribute("download"));
    }

    [Fact]
    public void WithoutAnAsOfTheLinksCarryNoneAndWithoutAReportThereAreNoLinks()
    {
        var complaints = Render<ReportHeading>(p => p
            .Add(c => c.Title, "投诉月度汇总")
            .Add(c => c.Month, new ReportMonth(2026, 9))
            .Add(c => c.AsOf, new DateTime(2026, 11, 27, 0, 0, 0))
            .Add(c => c.Report, ComplaintSummaryDefinition.Declared));
        Assert.Equal("/reports/complaints/2026-09.xlsx", complaints.Find("[data-testid=download-xlsx]").GetAttribute("href"));

        var none = Render<ReportHeading>(p => p
            .Add(c => c.Title, "—")
            .Add(c => c.Month, new ReportMonth(2026, 9))
            .Add(c => c.AsOf, new DateTime(2026, 11, 27, 0, 0, 0)));
        Assert.Empty(none.FindAll("[data-testid=download-pdf]"));
    }

    [Fact]
    public void WarnsWhenAYearHasNoHolidayScheduleAndLinksTheDownloadsWithThePagesMonthAndAsOf()
    {
        var header = Render<ReportHeading>(p => p.Add(c => c.Title, "返厂维修周转报告").Add(c => c.Month, new ReportMonth(2026, 10))
            .Add(c => c.AsOf, new DateTime(2026, 11, 27, 0, 0, 0)).Add(c => c.UnknownYears, [2027])
            .Add(c => c.Report, RepairTurnaroundDefinition.Declared).Add(c => c.AsOfQuery, "2026-11-27T00:00"));

        Assert.Contains("2027", header.Find("[data-testid=report-calendar-warning]").TextContent);
        Assert.Equal("/reports/repairs/2026-10.pdf?asOf=2026-11-27T00%3A00", header.Find("[data-testid=download-pdf]").GetAttribute("href"));
        Assert.Equal("/reports/repairs/2026-10.xlsx?asOf=2026-11-27T00%3A00", header.Find("[data-testid=download-xlsx]").GetAttribute("href"));
        Assert.NotNull(header.Find("[data-testid=download-pdf]").GetAttribute("download"));
    }
}
