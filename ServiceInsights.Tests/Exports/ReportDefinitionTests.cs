using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Domain;
using ServiceInsights.Tests.Hosting;
using ServiceInsights.Web.Components.Shared;
using ServiceInsights.Web.Exports;

namespace ServiceInsights.Tests.Exports;

/// <summary>
/// Every report is declared once (<see cref="ReportDefinition{TModel}"/>) and every surface finds it from there: a definition
/// that is not registered, has no page, or whose page carries another route or policy fails here.
/// </summary>
public sealed class ReportDefinitionTests(AppFixture app) : IClassFixture<AppFixture>
{
    private IReadOnlyList<ReportDefinition> Registered => [.. app.Factory.Services.GetServices<ReportDefinition>()];

    [Fact]
    public void EveryDefinitionInTheAppIsRegisteredOnceInTheMonthCloseOrder()
    {
        var declared = typeof(Program).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(ReportDefinition).IsAssignableFrom(t)).Select(t => t.Name).Order();
        Assert.Equal(declared, Registered.Select(r => r.GetType().Name).Order());
        Assert.Equal(["callbacks", "complaints", "repairs", "kpi"], Registered.Select(r => r.Segment));
    }

    [Fact]
    public void EachReportsPageCarriesTheRouteAndPolicyOfItsDefinition()
    {
        var pages = typeof(Program).Assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t)).ToList();
        foreach (var report in Registered)
        {
            var page = Assert.Single(pages, p => p.GetCustomAttributes<RouteAttribute>().Any(r => r.Template == report.Names.Route));
            Assert.Equal(report.Names.Policy, page.GetCustomAttribute<AuthorizeAttribute>()?.Policy);
            var area = Assert.Single(AppAreas.All, a => "/" + a.Href == report.Names.Route);
            Assert.Equal((report.Names.Policy, report.Names.PageTitleKey), (area.Policy, area.TitleKey));
        }
    }

    [Theory]
    [InlineData("callbacks", "zh-CN", "回访报告-2026-10.pdf", "/reports/callbacks/2026-10.pdf")]
    [InlineData("complaints", "en-US", "complaint-summary-2026-10.xlsx", "/reports/complaints/2026-10.xlsx")]
    [InlineData("repairs", "zh-CN", "返厂维修周转-2026-10.xlsx", "/reports/repairs/2026-10.xlsx")]
    [InlineData("kpi", "en-US", "kpi-report-2026-10.pdf", "/reports/kpi/2026-10.pdf")]
    public void AReportsFileNameAndDownloadComeFromItsNames(string segment, string culture, string fileName, string url)
    {
        var report = Registered.Find(segment.ToUpperInvariant());
        Assert.NotNull(report);
        var format = fileName.EndsWith(".pdf", StringComparison.Ordinal) ? ExportFormat.Pdf : ExportFormat.Xlsx;
        Assert.Equal(fileName, report.Names.FileName(new ReportMonth(2026, 10), format, new CultureInfo(culture)));
        Assert.Equal(url, report.Names.DownloadUrl(new ReportMonth(2026, 10), format));
        Assert.Null(Registered.Find("nosuchreport"));
    }
}
