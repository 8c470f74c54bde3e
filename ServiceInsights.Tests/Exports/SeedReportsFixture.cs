using ClosedXML.Excel;
using Microsoft.Extensions.Caching.Memory;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Reports.Repairs;
using ServiceInsights.Data.Settings;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Data.Summaries;
using ServiceInsights.Web.Summaries;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Exports.Excel;
using ServiceInsights.Tests.Tools.SeedData;
using ServiceInsights.Web;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Reports.Kpi;
using ServiceInsights.Web.Reports.Repairs;
using ServiceInsights.Web.Hosting;
using UglyToad.PdfPig;

namespace ServiceInsights.Tests.Exports;

/// <summary>
/// A real SQLite file with records and the two reports' exports wired as the app wires them (queries, KPI service,
/// settings, the KPI cache). <see cref="SeedAsync"/> imports the committed seed-data/ (what the pages show for 2026-10).
/// </summary>
public sealed class ReportExports : IDisposable
{
    public static readonly ReportMonth October = new(2026, 10);

    /// <summary>The seed data was exported as of 2026-11-28 09:00.</summary>
    public static readonly DateTime AsOf = new(2026, 11, 28, 9, 0, 0);

    private readonly MemoryCache _cache = new(new MemoryCacheOptions());

    public ReportExports()
    {
        var settings = new SettingsStore(Database.Factory, TestClock.Shanghai);
        var kpi = new KpiService(new MetricQuery(Database.Factory, TestClock.Shanghai), settings, TestClock.Shanghai);
        Cache = new KpiCache(kpi, _cache, TestClock.Shanghai, new DataVersion(Database.Factory));
        RepairQuery = new RepairTurnaroundQuery(Database.Factory, Cache, settings, TestClock.Shanghai);
        KpiQuery = new MonthlyKpiReportQuery(kpi, new StaffSatisfactionQuery(Database.Factory, TestClock.Shanghai), settings, Database.KpiComments());
        var store = new MonthSummaryStore(Database.Factory, TestClock.Shanghai);
        var archive = new MonthArchive(Database.Factory, TestClock.Shanghai);
        // The queue is not started as a hosted service here: a download computes missing months through it all the same.
        Summaries = new MonthSummaries(Cache, store, archive, new MonthSummaryQueue(kpi, store, archive,
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), Microsoft.Extensions.Logging.Abstractions.NullLogger<MonthSummaryQueue>.Instance),
            TestClock.Shanghai);
    }

    public TestDatabase Database { get; } = new();
    public RepairTurnaroundQuery RepairQuery { get; }
    public MonthlyKpiReportQuery KpiQuery { get; }
    public KpiCache Cache { get; }

    public async Task SeedAsync()
    {
        await Database.MigrateAsync();
        await Database.ImportSeedDataAsync();
    }

    public RepairTurnaroundDefinition RepairExport(string culture) => new(RepairQuery, TestLocalizer.UseCulture(culture), TestClock.Shanghai);

    public MonthSummaries Summaries { get; }

    public MonthlyKpiReportDefinition KpiExport(string culture) => new(Summaries, KpiQuery, TestLocalizer.UseCulture(culture), TestClock.Shanghai);

    public static PdfDocument OpenPdf(ReportFile file) => PdfDocument.Open(file.Content);

    public static XLWorkbook Workbook(ReportFile file) => new(new MemoryStream(file.Content));

    /// <summary>All text of the PDF without white space (PdfPig's spacing of CJK text is not what is tested).</summary>
    public static string Text(PdfDocument pdf) => string.Concat(pdf.GetPages().Select(PageText));

    public static string PageText(UglyToad.PdfPig.Content.Page page) => string.Concat(page.Letters.Select(l => l.Value)).Replace(" ", "");

    /// <summary>Writes the file to $SI_EXPORT_DUMP (when set), to look at it.</summary>
    public static void Dump(ReportFile file, string tag)
    {
        if (Environment.GetEnvironmentVariable("SI_EXPORT_DUMP") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, $"{tag}-{file.FileName}"), file.Content);
        }
    }

    /// <summary>The first row of the sheet whose first cell is <paramref name="text"/>.</summary>
    public static int FindRow(IXLWorksheet sheet, string text) =>
        sheet.RowsUsed().First(r => r.Cell(1).GetString() == text).RowNumber();

    public void Dispose()
    {
        _cache.Dispose();
        Database.Dispose();
    }
}

/// <summary>The seed data imported once for the export tests of the repair and KPI reports.</summary>
public sealed class SeedReportsFixture : IAsyncLifetime
{
    public ReportExports Exports { get; } = new();

    public Task InitializeAsync() => Exports.SeedAsync();

    public Task DisposeAsync()
    {
        Exports.Dispose();
        return Task.CompletedTask;
    }
}
