using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Records;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Records;

/// <summary>The lists of repairs, site visits, callbacks and complaints: each kind's anchor month and filters.</summary>
public sealed class LinkedRecordListQueryTests : IAsyncLifetime
{
    private static readonly ReportMonth October = new(2026, 10);
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await new TestDatabase().MigrateAsync();

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RepairsAreInTheMonthTheyWereReceivedAndShowTheirTicket()
    {
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").Customer("黑龙江农垦").Product("土壤水分仪", "TDR-300").Staff("张丽").Build(),
            new RepairBuilder().No("WX-1").Ticket("GD-1").ReceivedAt("2026-10-31 23:30").RepairedAt("2026-11-03 10:00").Build(),
            new RepairBuilder().No("WX-2").Ticket("GD-404").ReceivedAt("2026-10-10 09:00").FaultCause("电池老化").Build(),
            new RepairBuilder().No("WX-3").ReceivedAt("2026-11-01 00:10").Build());
        var query = new RepairListQuery(_database.Factory, TestClock.Shanghai);

        var page = await query.ListAsync(new RecordFilter(October), new PageRequest());

        Assert.Equal(2, page.Total);
        var linked = page.Items.Single(r => r.RepairNo == "WX-1");
        Assert.Equal(new TicketSummary("GD-1", "黑龙江农垦", "土壤水分仪", "TDR-300", "张丽"), linked.Ticket);
        Assert.Equal(TestClock.Local("2026-11-03 10:00"), linked.RepairedAt);
        Assert.Null(page.Items.Single(r => r.RepairNo == "WX-2").Ticket); // its ticket is not imported yet
    }

    [Fact]
    public async Task RepairFiltersForCustomerProductAndStaffMatchTheTicket()
    {
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").Customer("黑龙江农垦").Product("土壤水分仪", "TDR-300").Staff("张丽").Build(),
            new TicketBuilder().No("GD-2").Customer("山东寿光").Product("叶面积仪", "LA-20").Staff("王芳").Build(),
            new RepairBuilder().No("WX-1").Ticket("GD-1").Build(),
            new RepairBuilder().No("WX-2").Ticket("GD-2").FaultCause("主板进水").Build(),
            new RepairBuilder().No("WX-3").Ticket("GD-404").Build());
        var query = new RepairListQuery(_database.Factory, TestClock.Shanghai);
        async Task<List<string>> Numbers(RecordFilter filter) => [.. (await query.ListAsync(filter, new PageRequest())).Items.Select(r => r.RepairNo)];

        Assert.Equal(["WX-1"], await Numbers(new RecordFilter(October, Customer: "农垦")));
        Assert.Equal(["WX-2"], await Numbers(new RecordFilter(October, Product: "la-2")));
        Assert.Equal(["WX-1"], await Numbers(new RecordFilter(October, Staff: "张丽", Customer: "黑龙江")));
        Assert.Empty(await Numbers(new RecordFilter(October, Staff: "张丽", Customer: "山东")));
        Assert.Equal(["WX-2"], await Numbers(new RecordFilter(October, Text: "进水")));   // fault cause
        Assert.Equal(["WX-3"], await Numbers(new RecordFilter(October, Text: "GD-404"))); // ticket number
    }

    [Fact]
    public async Task SiteVisitsAreInTheMonthTheyWereOrderedAndStaffMeansTheEngineer()
    {
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").Customer("黑龙江农垦").Staff("张丽").Build(),
            new SiteVisitBuilder().No("WP-1").Ticket("GD-1").Engineer("赵工").OrderedAt("2026-10-01 00:30").Build(),
            new SiteVisitBuilder().No("WP-2").Engineer("钱工").OrderedAt("2026-10-20 09:00").Build(),
            new SiteVisitBuilder().No("WP-3").Engineer("赵工").OrderedAt("2026-09-30 23:30").Build());
        var query = new SiteVisitListQuery(_database.Factory, TestClock.Shanghai);
        async Task<List<string>> Numbers(RecordFilter filter) => [.. (await query.ListAsync(filter, new PageRequest())).Items.Select(r => r.DispatchNo)];

        Assert.Equal(["WP-2", "WP-1"], await Numbers(new RecordFilter(October)));
        Assert.Equal(["WP-1"], await Numbers(new RecordFilter(October, Staff: "赵")));
        Assert.Empty(await Numbers(new RecordFilter(October, Staff: "张丽")));
        Assert.Equal(["WP-1"], await Numbers(new RecordFilter(October, Customer: "农垦")));
        var row = (await query.ListAsync(new RecordFilter(October), new PageRequest(SortBy: "OrderedAt"))).Items[0];
        Assert.Equal(TestClock.Local("2026-10-01 00:30"), row.OrderedAt);
        Assert.Equal("黑龙江农垦", row.Ticket?.Customer);
    }

    [Fact]
    public async Task CallbacksAreInTheMonthTheyWereMadeAndFilterOnTheirOwnFields()
    {
        await _database.AddAsync(
            new CallbackBuilder().No("HF-1").At("2026-10-31 23:59").Customer("黑龙江农垦").Product("土壤水分仪", "TDR-300").Staff("张丽").Satisfaction(4).Build(),
            new CallbackBuilder().No("HF-2").At("2026-10-05 10:00").Customer("山东寿光").Staff("王芳").Satisfaction(2).Build(),
            new CallbackBuilder().No("HF-3").At("2026-11-01 00:00").Customer("黑龙江农垦").Build());
        var query = new CallbackListQuery(_database.Factory, TestClock.Shanghai);
        async Task<List<string>> Numbers(RecordFilter filter, PageRequest? page = null) =>
            [.. (await query.ListAsync(filter, page ?? new PageRequest())).Items.Select(r => r.CallbackNo)];

        Assert.Equal(["HF-1", "HF-2"], await Numbers(new RecordFilter(October)));
        Assert.Equal(["HF-1"], await Numbers(new RecordFilter(October, Customer: "黑龙江")));
        Assert.Equal(["HF-2"], await Numbers(new RecordFilter(October, Staff: "王")));
        Assert.Equal(["HF-1"], await Numbers(new RecordFilter(October, Product: "tdr")));
        Assert.Equal(["HF-2", "HF-1"], await Numbers(new RecordFilter(October), new PageRequest(SortBy: "Satisfaction")));
    }

    [Fact]
    public async Task ComplaintsAreInTheMonthTheyWereReceivedAndTextSearchesTheAnalysis()
    {
        await _database.AddAsync(
            new ComplaintBuilder().No("TS-1").ReceivedAt("2026-10-01 07:00").Customer("黑龙江农垦").RootCause("出厂校准遗漏").Staff("张丽").Build(),
            new ComplaintBuilder().No("TS-2").ReceivedAt("2026-10-15 07:00").Customer("山东寿光").Description("上门迟到三小时").Build(),
            new ComplaintBuilder().No("TS-3").ReceivedAt("2026-09-30 07:00").Build());
        var query = new ComplaintListQuery(_database.Factory, TestClock.Shanghai, new Data.Settings.SettingsStore(_database.Factory, TestClock.Shanghai));
        async Task<List<string>> Numbers(RecordFilter filter) => [.. (await query.ListAsync(filter, new PageRequest())).Items.Select(r => r.ComplaintNo)];

        Assert.Equal(["TS-2", "TS-1"], await Numbers(new RecordFilter(October)));
        Assert.Equal(["TS-1"], await Numbers(new RecordFilter(October, Text: "校准")));
        Assert.Equal(["TS-2"], await Numbers(new RecordFilter(October, Text: "迟到")));
        Assert.Equal(["TS-1"], await Numbers(new RecordFilter(October, Staff: "张丽")));
        Assert.Equal(["TS-2"], await Numbers(new RecordFilter(October, Customer: "寿光")));
    }
}
