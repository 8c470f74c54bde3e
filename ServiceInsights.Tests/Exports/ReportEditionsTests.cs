using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Delivery;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Delivery;
using ServiceInsights.Web.Delivery;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Hosting;
using ServiceInsights.Web.MonthClose;
using L = Microsoft.Extensions.Localization.IStringLocalizer<ServiceInsights.Web.SharedResource>;

namespace ServiceInsights.Tests.Exports;

/// <summary>
/// A report is loaded once per month and as-of however many files are written from it: the month close writes its four
/// (zh-CN/en-US × PDF/Excel) from one load, a delivery every format for every recipient from one. A fifth report that
/// counts its loads stands beside the four in the app's real composition (the clock reads 2026-11-03 09:05).
/// </summary>
public sealed class ReportEditionsTests : IAsyncLifetime
{
    private static readonly ReportMonth October = new(2026, 10);
    private static readonly string[] Managers = ["li.manager@example.cn", "wang.manager@example.cn"];
    private readonly TempFolder _folder = new();
    private DeliveryApp _app = null!;

    private CountingReport Counting => _app.Services.GetRequiredService<CountingReport>();

    public async Task InitializeAsync()
    {
        _app = await DeliveryApp.CreateAsync(_folder.SqliteConnectionString("editions.db"), new Dictionary<string, string?>(),
            ShiftedTimeProvider.AtLocal(2026, 11, 3, 9, 5), services: s => s.AddReport<CountingReport>());
        await _app.AddUserAsync(Managers[0], AppRoles.Manager, "李经理");
        await _app.AddUserAsync(Managers[1], AppRoles.Manager, "王经理");
        await _app.AddRecordsAsync(
            new TicketBuilder().No("GD-E1").ReceivedAt("2026-10-12 09:00").Customer("甲公司").Product("虫情测报灯", "M-A").Staff("张敏")
                .With(t => t.Origin = Origin.SelfMade).Build(),
            new CallbackBuilder().No("HF-E1").Ticket("GD-E1").At("2026-10-14 15:00").Staff("张敏").Satisfaction(5).Build());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task TheMonthCloseLoadsEachReportOnceAndWritesItsFourFilesEachInItsLanguage()
    {
        var close = await _app.Services.GetRequiredService<MonthCloser>().CloseAsync(October, new MonthCloseActor(Managers[0], [AppRoles.Manager]));

        Assert.Equal([(October, (DateTime?)close.AsOf)], Counting.Loads);
        var archive = _app.Services.GetRequiredService<MonthArchive>();
        Assert.Equal(5 * 4, (await archive.FilesOfAsync(close.Id)).Count);
        foreach (var (language, format) in ReportEdition.All)
        {
            var file = await archive.FileAsync(October, "counting", ExportFormats.Extension(format), language);
            Assert.NotNull(file);
            Assert.Equal(CountingReport.Content(language, format, October), Encoding.UTF8.GetString(file.Content));
            Assert.Equal(CountingReport.Declared.FileName(October, format, new CultureInfo(language)), file.FileName);
            Assert.Equal(ExportFormats.ContentType(format), file.ContentType);
        }
    }

    [Fact]
    public async Task ADeliveryLoadsEachReportOnceForAllItsRecipientsAndFormatsAndNotAtAllOnceTheMonthIsClosed()
    {
        var live = await _app.Runner.RunAsync(new DeliveryRequest(October, DeliveryOccasion.Manual, To: Managers, DryRun: true, Language: "en-US"));

        Assert.Equal([(October, (DateTime?)null)], Counting.Loads);
        Assert.Equal(2, live.Count);
        foreach (var outcome in live)
        {
            Assert.Equal(DeliveryResult.Previewed, outcome.Result);
            Assert.Equal(5 * 2, outcome.Mail!.Attachments.Count);
            var counted = outcome.Mail.Attachments.Where(a => a.FileName.StartsWith("counting-report-2026-10", StringComparison.Ordinal)).ToList();
            Assert.Equal(["counting-report-2026-10-not-closed.pdf", "counting-report-2026-10-not-closed.xlsx"], counted.Select(a => a.FileName));
            Assert.Equal([CountingReport.Content("en-US", ExportFormat.Pdf, October), CountingReport.Content("en-US", ExportFormat.Xlsx, October)],
                counted.Select(a => Encoding.UTF8.GetString(a.Content)));
        }

        await _app.Services.GetRequiredService<MonthCloser>().CloseAsync(October, new MonthCloseActor(Managers[0], [AppRoles.Manager]));
        Counting.Loads.Clear();

        var closed = await _app.Runner.RunAsync(new DeliveryRequest(October, DeliveryOccasion.Manual, To: Managers, DryRun: true, Language: "zh-CN"));

        Assert.Empty(Counting.Loads);
        var archived = closed[0].Mail!.Attachments.Single(a => a.FileName == "计数报告-2026-10.xlsx");
        Assert.Equal(CountingReport.Content("zh-CN", ExportFormat.Xlsx, October), Encoding.UTF8.GetString(archived.Content));
    }
}

/// <summary>A report whose model is its month: it records every load and writes each file as the language and format it is in.</summary>
public sealed class CountingReport(L localizer, DepartmentClock clock) : ReportDefinition<ReportMonth>(Declared, localizer, clock)
{
    public static ReportNames Declared { get; } = new(ReportNames.RoutePrefix + "counting", Policies.Analytics, "Report.Kpi.Title", "Area.KpiReport",
        "计数报告", "counting-report");

    /// <summary>The month and as-of of every load, in order.</summary>
    public ConcurrentQueue<(ReportMonth Month, DateTime? AsOf)> Loads { get; } = new();

    /// <summary>What a file says: its culture, the report's title worded in it, its format and the month.</summary>
    public static string Content(string language, ExportFormat format, ReportMonth month) =>
        $"{language} {(language == Localization.Chinese ? "月度KPI报告" : "Monthly KPI report")} {ExportFormats.Extension(format)} {month}";

    public override Task<ReportMonth> LoadAsync(ReportMonth month, DateTime? asOfLocal, CancellationToken cancellationToken = default)
    {
        Loads.Enqueue((month, asOfLocal));
        return Task.FromResult(month);
    }

    protected override Task<ReportPageHeading> HeadingAsync(ReportMonth report, CancellationToken cancellationToken) =>
        Task.FromResult(new ReportPageHeading(report, report.FirstDay.ToDateTime(TimeOnly.MinValue), [], []));

    protected override byte[] WritePdf(ReportMonth report, DateTime generatedAt) => Write(report, ExportFormat.Pdf);

    protected override Task<byte[]> WriteSheetAsync(ReportMonth report, DateTime generatedAt, CancellationToken cancellationToken) =>
        Task.FromResult(Write(report, ExportFormat.Xlsx));

    private byte[] Write(ReportMonth report, ExportFormat format) =>
        Encoding.UTF8.GetBytes($"{CultureInfo.CurrentUICulture.Name} {Localizer[Declared.TitleKey]} {ExportFormats.Extension(format)} {report}");
}
