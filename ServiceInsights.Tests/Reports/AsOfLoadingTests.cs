using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Reports;
using ServiceInsights.Data.Reports.Callbacks;
using ServiceInsights.Data.Reports.Complaints;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Reports.Repairs;
using ServiceInsights.Data.Settings;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Reports;

/// <summary>
/// What is known at as-of (docs/SERVICE-STANDARD.md): applied once, by the loaders, for every kind — records anchored after
/// as-of are not part of their month, every other timestamp after as-of is empty, planned times are kept — so a past month
/// with an explicit as-of gives the same figures after later imports.
/// </summary>
public sealed class AsOfLoadingTests : IDisposable
{
    private static readonly ReportMonth November = new(2026, 11);
    private const string AsOf = "2026-11-20 12:00";

    private readonly TestDatabase _database = new();
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
        _folder.Dispose();
    }

    private Task<MetricInputs> LoadAsync() =>
        new MetricQuery(_database.Factory, TestClock.Shanghai).LoadAsync(November, TestClock.Utc(AsOf), SlaSettings.Defaults);

    [Fact]
    public void TheWindowEndsJustAfterAsOfOrAtTheMonthsEnd()
    {
        var (monthFrom, monthTo) = TestClock.Shanghai.UtcRange(November);

        var early = AsOfWindow.Of(November, TestClock.Utc(AsOf), TestClock.Shanghai);
        var late = AsOfWindow.Of(November, TestClock.Utc("2026-12-05 00:00"), TestClock.Shanghai);

        Assert.Equal((monthFrom, TestClock.Utc(AsOf).AddTicks(1)), (early.From, early.Until));
        Assert.Equal((monthFrom, monthTo), (late.From, late.Until));
        Assert.Equal(TestClock.Utc(AsOf), early.Known(TestClock.Utc(AsOf))); // at as-of: known
        Assert.Null(early.Known(TestClock.Utc(AsOf).AddMinutes(1)));
        Assert.Null(early.Known(null));
    }

    [Fact]
    public async Task LeavesOutEveryKindOfRecordAnchoredAfterAsOf()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            new TicketBuilder().No("GD-AT").ReceivedAt(AsOf).Build(), // exactly at as-of: known
            new TicketBuilder().No("GD-LATE").ReceivedAt("2026-11-20 12:01").Build(),
            new RepairBuilder().No("WX-IN").ReceivedAt("2026-11-19 09:00").Build(),
            new RepairBuilder().No("WX-LATE").ReceivedAt("2026-11-21 09:00").Build(),
            new SiteVisitBuilder().No("WP-IN").OrderedAt("2026-11-19 09:00").Build(),
            new SiteVisitBuilder().No("WP-LATE").OrderedAt("2026-11-20 13:00").Build(),
            new CallbackBuilder().No("HF-IN").At("2026-11-20 11:00").Build(),
            new CallbackBuilder().No("HF-LATE").At("2026-11-20 15:00").Build(),
            new ComplaintBuilder().No("TS-IN").ReceivedAt("2026-11-02 09:00").Build(),
            new ComplaintBuilder().No("TS-LATE").ReceivedAt("2026-11-25 09:00").Build(),
            new QuoteBuilder().With(q => (q.QuoteNo, q.QuotedAt) = ("BJ-IN", TestClock.Utc("2026-11-03 09:00"))).Build(),
            new QuoteBuilder().With(q => (q.QuoteNo, q.QuotedAt) = ("BJ-LATE", TestClock.Utc("2026-11-23 09:00"))).Build());

        var inputs = await LoadAsync();

        Assert.Equal(["GD-AT"], inputs.Tickets.Select(t => t.TicketNo));
        Assert.Equal(["WX-IN"], inputs.Repairs.Select(r => r.RepairNo));
        Assert.Equal(["WP-IN"], inputs.Visits.Select(v => v.DispatchNo));
        Assert.Equal(["HF-IN"], inputs.Callbacks.Select(c => c.CallbackNo));
        Assert.Equal(["TS-IN"], inputs.Complaints.Select(c => c.ComplaintNo));
        Assert.Equal(["BJ-IN"], inputs.Quotes.Select(q => q.QuoteNo));
    }

    [Fact]
    public async Task ReadsEventsAfterAsOfAsEmptyAndKeepsPlannedTimes()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").ReceivedAt("2026-11-20 09:00").With(t =>
            {
                t.SmsConfirmedAt = TestClock.Utc("2026-11-20 09:05");
                t.FirstResponseAt = TestClock.Utc("2026-11-20 12:30");
                t.SatisfactoryReplyAt = TestClock.Utc("2026-11-21 10:00");
                t.ResolvedAt = TestClock.Utc("2026-11-21 11:00");
                t.PromisedBy = TestClock.Utc("2026-11-24 17:00");
            }).Build(),
            new CallbackBuilder().No("HF-1").Ticket("GD-1").At("2026-11-20 11:00").Method(CallbackMethod.Phone).Build(),
            new CallbackBuilder().No("HF-2").Ticket("GD-1").At("2026-11-23 10:00").Method(CallbackMethod.Phone).Build(), // a later month's import
            new RepairBuilder().No("WX-1").ReceivedAt("2026-11-16 09:00").With(r =>
            {
                r.OrderedAt = TestClock.Utc("2026-11-16 10:00");
                r.HandedOverAt = TestClock.Utc("2026-11-20 13:00");
                r.RepairedAt = TestClock.Utc("2026-11-24 16:00");
                r.AgreedDueDate = new DateOnly(2026, 11, 30);
            }).Build(),
            new RepairUpdateBuilder("WX-1").At("2026-11-17 09:00").Build(),
            new RepairUpdateBuilder("WX-1").At("2026-11-23 09:00").Build(),
            new SiteVisitBuilder().No("WP-1").Ticket("GD-1").OrderedAt("2026-11-18 09:00").With(v =>
            {
                v.DirectorSignedAt = TestClock.Utc("2026-11-18 10:00");
                v.AppointmentAt = TestClock.Utc("2026-11-23 09:00");
                v.ArrivedAt = TestClock.Utc("2026-11-23 09:10");
                v.CompletedAt = TestClock.Utc("2026-11-23 15:00");
            }).Build(),
            new ComplaintBuilder().No("TS-1").ReceivedAt("2026-11-19 09:00").With(c =>
            {
                c.SalesFeedbackAt = TestClock.Utc("2026-11-19 09:20");
                c.PromisedBy = TestClock.Utc("2026-11-26 17:00");
                c.ManagerInformedAt = TestClock.Utc("2026-11-21 09:00");
                c.LeaderInformedAt = TestClock.Utc("2026-11-22 09:00");
                c.ResultNotifiedAt = TestClock.Utc("2026-11-25 09:00");
                c.ClosedAt = TestClock.Utc("2026-11-25 10:00");
            }).Build());

        var inputs = await LoadAsync();

        var ticket = Assert.Single(inputs.Tickets);
        Assert.Equal(TestClock.Local("2026-11-20 09:05"), ticket.SmsConfirmedAt);
        Assert.Equal((null, null, null), (ticket.FirstResponseAt, ticket.SatisfactoryReplyAt, ticket.ResolvedAt));
        Assert.Equal(TestClock.Local("2026-11-24 17:00"), ticket.PromisedBy);
        Assert.Equal(["HF-1"], ticket.Callbacks.Select(c => c.CallbackNo));

        var repair = Assert.Single(inputs.Repairs);
        Assert.Equal(TestClock.Local("2026-11-16 10:00"), repair.OrderedAt);
        Assert.Equal((null, null), (repair.HandedOverAt, repair.RepairedAt));
        Assert.Equal(new DateOnly(2026, 11, 30), repair.AgreedDueDate);
        Assert.Equal([TestClock.Local("2026-11-17 09:00")], repair.StatusUpdates);

        var visit = Assert.Single(inputs.Visits);
        Assert.Equal(TestClock.Local("2026-11-18 10:00"), visit.DirectorSignedAt);
        Assert.Equal(TestClock.Local("2026-11-23 09:00"), visit.AppointmentAt);
        Assert.Equal((null, null), (visit.ArrivedAt, visit.CompletedAt));
        Assert.Equal(["HF-1"], visit.Callbacks.Select(c => c.CallbackNo));

        var complaint = Assert.Single(inputs.Complaints);
        Assert.Equal(TestClock.Local("2026-11-19 09:20"), complaint.SalesFeedbackAt);
        Assert.Equal(TestClock.Local("2026-11-26 17:00"), complaint.PromisedBy);
        Assert.Equal((null, null, null, null),
            (complaint.ManagerInformedAt, complaint.LeaderInformedAt, complaint.ResultNotifiedAt, complaint.ClosedAt));
    }

    [Fact]
    public async Task AMonthWithAnExplicitAsOfGivesTheSameFiguresAndReportsAfterALaterImport()
    {
        await _database.MigrateAsync();
        await ImportAsync(AsOfFiles.Early());
        var before = await EverythingAsync(AsOf);
        var laterBefore = await EverythingAsync("2026-11-30 18:00");

        await ImportAsync(AsOfFiles.Late());
        var after = await EverythingAsync(AsOf);
        var laterAfter = await EverythingAsync("2026-11-30 18:00");

        Assert.Equal(before.Kpi, after.Kpi);
        Assert.Equal(before.Callbacks, after.Callbacks);
        Assert.Equal(before.Complaints, after.Complaints);
        Assert.Equal(before.Repairs, after.Repairs);
        Assert.Equal(before.Scorecards, after.Scorecards);
        // The later file did change the month as known at a later as-of: the comparison above can fail.
        Assert.NotEqual(laterBefore.Kpi, laterAfter.Kpi);
        Assert.NotEqual(laterBefore.Callbacks, laterAfter.Callbacks);
        Assert.NotEqual(laterBefore.Complaints, laterAfter.Complaints);
        Assert.NotEqual(laterBefore.Repairs, laterAfter.Repairs);
    }

    /// <summary>Imports the files as the app does: each commit starts the derivation of the follow-up items, awaited here.</summary>
    private async Task ImportAsync(IReadOnlyList<(string Name, string[][] Rows)> files)
    {
        var version = new DataVersion(_database.Factory);
        using var derivation = _database.FollowUpDerivation(version);
        var import = new ImportService(_database.Factory, TestClock.Shanghai, version);
        foreach (var (name, rows) in files)
        {
            var result = await import.ImportAsync(ImportFileBuilder.Csv(_folder, name, ImportFileBuilder.Utf8, rows), name, new ImportOptions(UserName: "test"));
            Assert.True(result.FatalError is null && result.Rejected == 0, $"{name}: {result.FatalError} ({result.Rejected} rejected)");
        }

        await derivation.IdleAsync();
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Converters = { new MonthAsText() } };

    /// <summary>A month as "2026-11" (its Previous/Next properties would recurse).</summary>
    private sealed class MonthAsText : System.Text.Json.Serialization.JsonConverter<ReportMonth>
    {
        public override ReportMonth Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, ReportMonth value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }

    /// <summary>The month's KPI JSON and every report's model (as JSON: verdicts, reasons, rows), each from a fresh cache.</summary>
    private async Task<(string Kpi, string Callbacks, string Complaints, string Repairs, string Scorecards)> EverythingAsync(string asOf)
    {
        var local = TestClock.Local(asOf);
        var settings = new SettingsStore(_database.Factory, TestClock.Shanghai);
        var kpi = await _database.Kpi().RunAsync(November, local);
        var callbacks = await new CallbackReportQuery(_database.Factory, _database.KpiCache(), settings, TestClock.Shanghai, _database.FollowUps(), new DataVersion(_database.Factory)).RunAsync(November, local);
        var complaints = await new ComplaintSummaryQuery(_database.Factory, _database.KpiCache(), settings, TestClock.Shanghai, _database.FollowUps()).RunAsync(November, local);
        var repairs = await new RepairTurnaroundQuery(_database.Factory, _database.KpiCache(), settings, TestClock.Shanghai).RunAsync(November, local);
        var monthly = await new MonthlyKpiReportQuery(_database.Kpi(), new StaffSatisfactionQuery(_database.Factory, TestClock.Shanghai), settings, _database.KpiComments())
            .RunAsync(November, local);
        return (KpiService.ToJson(kpi), JsonSerializer.Serialize(callbacks, Json), JsonSerializer.Serialize(complaints, Json),
            JsonSerializer.Serialize(repairs, Json), JsonSerializer.Serialize(monthly.Staff, Json));
    }
}
