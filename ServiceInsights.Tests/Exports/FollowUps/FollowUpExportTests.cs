using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.KpiComments;
using ServiceInsights.Data.Reports.Callbacks;
using ServiceInsights.Data.Reports.Complaints;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.FollowUps;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Reports.Callbacks;
using ServiceInsights.Web.Reports.Complaints;
using ServiceInsights.Web.Reports.Kpi;
using static ServiceInsights.Tests.Exports.ExportReading;

namespace ServiceInsights.Tests.Exports.FollowUps;

/// <summary>
/// What acting on the month prints: the follow-up items a complaint summary and a callback report carry over (with their age and
/// days overdue), a CAPA's 已验证, and a Manager's comment beside its rule in the KPI report — read back with PdfPig and ClosedXML.
/// </summary>
public sealed class FollowUpExportTests : IAsyncLifetime
{
    private static readonly ReportMonth November = new(2026, 11);
    private static readonly DateTime AsOf = TestClock.Local("2026-11-28 12:00");

    private readonly TestDatabase _database = new();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await _database.MigrateAsync();
        await FollowUpUsers.AddAsync(_database, TestActors.Li, TestActors.Manager);
        await _database.AddAsync(
            new ComplaintBuilder().No("TS-1").Customer("山东农科").ReceivedAt("2026-11-18 10:00").Staff("李强")
                .With(c => c.PromisedBy = TestClock.Utc("2026-11-20 17:00")).Build(),
            new ComplaintBuilder().No("TS-2").Customer("荆州市农业局").ReceivedAt("2026-11-02 10:00").RootCause("灯管老化")
                .With(c => (c.ClosedAt, c.CorrectiveAction, c.PreventiveAction, c.Responsible) = (TestClock.Utc("2026-11-04 12:00"), "更换灯管", "季度巡检", "李强")).Build(),
            new CallbackBuilder().No("HF-1").Customer("寿光合作社").At("2026-11-10 10:00").Staff("李强").Satisfaction(1).Build());
        var service = _database.FollowUps();
        await service.SyncAsync();
        var capa = (await service.ListAsync(TestActors.Manager, new FollowUpFilter())).Single(r => r.Source == FollowUpSource.ComplaintCapa);
        var done = await service.MarkDoneAsync(TestActors.Li, capa.Id, capa.Version);
        await service.VerifyAsync(TestActors.Manager, done.Id, done.Version);
    }

    Task IAsyncLifetime.DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private ComplaintSummaryQuery Complaints => new(_database.Factory, _database.KpiCache(), SettingsOf(_database), TestClock.Shanghai, _database.FollowUps());

    private CallbackReportQuery Callbacks => new(_database.Factory, _database.KpiCache(), SettingsOf(_database), TestClock.Shanghai, _database.FollowUps(), new DataVersion(_database.Factory));

    [Fact]
    public async Task TheComplaintSummaryPrintsTheOpenItemsWithTheirAgeAndTheCapaAsVerified()
    {
        var localizer = TestLocalizer.UseCulture("zh-CN");
        var pdf = await new ComplaintSummaryDefinition(Complaints, SettingsOf(_database), _database.FollowUpDerivation(), localizer, TestClock.Shanghai).ExportAsync(November, AsOf, ExportFormat.Pdf);
        var xlsx = await new ComplaintSummaryDefinition(Complaints, SettingsOf(_database), _database.FollowUpDerivation(), localizer, TestClock.Shanghai).ExportAsync(November, AsOf, ExportFormat.Xlsx);

        var text = string.Concat(PdfPages(pdf.Content));
        // TS-1: open past its promise since 11-20 — 8 days old, 8 days overdue at 11-28; TS-2's CAPA is verified and leaves the list.
        Assert.Contains("整改跟踪：未验证1项，其中逾期1项", text);
        Assert.Contains("TS-1投诉超期未结山东农科", text);
        Assert.Contains("已验证", text);
        using var workbook = Workbook(xlsx.Content);
        var sheet = workbook.Worksheet("整改跟踪");
        Assert.Equal(1, DetailRows(sheet));
        Assert.Equal(("TS-1", "投诉超期未结", "李强", 8, 8), (sheet.Cell(2, 1).GetString(), sheet.Cell(2, 2).GetString(), sheet.Cell(2, 5).GetString(),
            sheet.Cell(2, 9).GetValue<int>(), sheet.Cell(2, 10).GetValue<int>()));
        var capa = workbook.Worksheet("CAPA状态");
        Assert.Contains(capa.RowsUsed(), r => r.Cell(1).GetString() == "TS-2" && r.Cells().Any(c => c.GetString() == "已验证"));
        Assert.Equal(1, FigureRow(workbook.Worksheet("汇总"), "CAPA 已验证").Cell(2).GetValue<int>());
    }

    [Fact]
    public async Task TheCallbackReportPrintsItsItemsInEnglishToo()
    {
        var localizer = TestLocalizer.UseCulture("en-US");
        var pdf = await new CallbackReportDefinition(Callbacks, SettingsOf(_database), _database.FollowUpDerivation(), localizer, TestClock.Shanghai).ExportAsync(November, AsOf, ExportFormat.Pdf);
        var xlsx = await new CallbackReportDefinition(Callbacks, SettingsOf(_database), _database.FollowUpDerivation(), localizer, TestClock.Shanghai).ExportAsync(November, AsOf, ExportFormat.Xlsx);

        var text = string.Concat(PdfPages(pdf.Content));
        Assert.Contains(Compact("Follow-ups: 1 not verified, 0 overdue"), text);
        Assert.Contains(Compact("HF-1Unsatisfied or unsolved callback寿光合作社"), text);
        using var workbook = Workbook(xlsx.Content);
        var sheet = workbook.Worksheet("Follow-ups");
        Assert.Equal(("HF-1", "Not set", 18), (sheet.Cell(2, 1).GetString(), sheet.Cell(2, 6).GetString(), sheet.Cell(2, 9).GetValue<int>()));
    }

    [Fact]
    public async Task TheKpiReportPrintsAManagersCommentBesideItsRule()
    {
        await _database.KpiComments().SaveAsync(TestActors.Manager, November, "CP-2d",
            new KpiCommentDraft("两起投诉结案时缺预防措施", "结案前由质量工程师复核 CAPA", TestActors.Li.UserId, new DateOnly(2026, 12, 15)), 0);
        var localizer = TestLocalizer.UseCulture("zh-CN");
        var query = new MonthlyKpiReportQuery(_database.Kpi(), new StaffSatisfactionQuery(_database.Factory, TestClock.Shanghai), SettingsOf(_database), _database.KpiComments());
        var report = await query.RunAsync(November, AsOf);

        var text = string.Concat(PdfPages(new MonthlyKpiReportPdf(report, localizer, AsOf).Generate()));
        using var workbook = Workbook(await new MonthlyKpiReportSheet(report, localizer, AsOf).GenerateAsync());

        Assert.Contains("未达标说明", text);
        Assert.Contains("两起投诉结案时缺预防措施结案前由质量工程师复核CAPA李强2026-12-15", text);
        var rules = workbook.Worksheet("规则");
        var header = rules.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        var row = rules.RowsUsed().Single(r => r.Cell(1).GetString().StartsWith("CP-2d", StringComparison.Ordinal));
        Assert.Equal(("两起投诉结案时缺预防措施", "结案前由质量工程师复核 CAPA", "李强"),
            (row.Cell(header.IndexOf("原因") + 1).GetString(), row.Cell(header.IndexOf("措施") + 1).GetString(), row.Cell(header.IndexOf("负责人") + 1).GetString()));
        Assert.Equal(new DateTime(2026, 12, 15), row.Cell(header.IndexOf("期限") + 1).GetDateTime());
        var other = rules.RowsUsed().Single(r => r.Cell(1).GetString().StartsWith("CS-3a", StringComparison.Ordinal));
        Assert.Equal("", other.Cell(header.IndexOf("原因") + 1).GetString());
    }
}
