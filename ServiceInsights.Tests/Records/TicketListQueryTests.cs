using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Records;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Records;

public sealed class TicketListQueryTests : IAsyncLifetime
{
    private static readonly ReportMonth October = new(2026, 10);
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await new TestDatabase().MigrateAsync();

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private TicketListQuery Query => new(_database.Factory, TestClock.Shanghai);

    private async Task<List<string>> NumbersAsync(RecordFilter filter, PageRequest? page = null) =>
        [.. (await Query.ListAsync(filter, page ?? new PageRequest())).Items.Select(r => r.TicketNo)];

    [Theory]
    [InlineData("2026-10-31 23:30", true)]  // 15:30 UTC on the 31st
    [InlineData("2026-10-01 00:00", true)]  // 16:00 UTC on 30 September
    [InlineData("2026-09-30 23:59", false)]
    [InlineData("2026-11-01 00:10", false)] // still 31 October in UTC, but November in Shanghai
    public async Task MonthIsTheDepartmentsLocalMonth(string receivedLocal, bool inOctober)
    {
        await _database.AddAsync(new TicketBuilder().No("GD-1").ReceivedAt(receivedLocal).Build());

        Assert.Equal(inOctober, (await NumbersAsync(new RecordFilter(October))).Contains("GD-1"));
        Assert.Equal(["GD-1"], await NumbersAsync(new RecordFilter(ReportMonth.From(TestClock.Local(receivedLocal)))));
    }

    [Fact]
    public async Task RowsCarryLocalTimes()
    {
        await _database.AddAsync(new TicketBuilder().No("GD-1").ReceivedAt("2026-10-31 23:30").ResolvedAt("2026-11-01 08:15").Build());

        var row = Assert.Single((await Query.ListAsync(new RecordFilter(October), new PageRequest())).Items);

        Assert.Equal(TestClock.Local("2026-10-31 23:30"), row.ReceivedAt);
        Assert.Equal(TestClock.Local("2026-11-01 08:15"), row.ResolvedAt);
    }

    [Fact]
    public async Task FiltersByStaffProductOrModelCustomerAndText()
    {
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").Staff("张丽").Product("土壤水分仪", "TDR-300").Customer("黑龙江农垦").Problem("探头读数漂移").Build(),
            new TicketBuilder().No("GD-2").Staff("王芳").Product("叶面积仪", "LA-20").Customer("山东寿光合作社").Problem("无法开机").Build(),
            new TicketBuilder().No("GD-3").Staff("张丽").Product("叶面积仪", "LA-21").Customer("黑龙江建三江").Build());

        Assert.Equal(["GD-1", "GD-3"], (await NumbersAsync(new RecordFilter(October, Staff: "张丽"))).Order());
        Assert.Equal(["GD-1"], await NumbersAsync(new RecordFilter(October, Product: "tdr")));       // model, any case
        Assert.Equal(["GD-2", "GD-3"], (await NumbersAsync(new RecordFilter(October, Product: "叶面积"))).Order()); // product name
        Assert.Equal(["GD-1", "GD-3"], (await NumbersAsync(new RecordFilter(October, Customer: " 黑龙江 "))).Order());
        Assert.Equal(["GD-2"], await NumbersAsync(new RecordFilter(October, Text: "开机")));
        Assert.Equal(["GD-3"], await NumbersAsync(new RecordFilter(October, Text: "gd-3")));
        Assert.Equal(["GD-3"], await NumbersAsync(new RecordFilter(October, Staff: "张丽", Product: "LA")));
    }

    [Fact]
    public async Task TypedWildcardsMatchLiterally()
    {
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").Problem("电量 50% 时关机").Build(),
            new TicketBuilder().No("GD-2").Problem("电量 500 毫安").Build(),
            new TicketBuilder().No("GD_3").Build());

        Assert.Equal(["GD-1"], await NumbersAsync(new RecordFilter(October, Text: "50%")));
        Assert.Equal(["GD_3"], await NumbersAsync(new RecordFilter(October, Text: "GD_")));
    }

    [Fact]
    public async Task PagesAreCountedAndOrderedNewestFirstByDefault()
    {
        await _database.AddAsync([.. Enumerable.Range(1, 30)
            .Select(i => new TicketBuilder().No($"GD-{i:D2}").ReceivedAt($"2026-10-{i:D2} 09:00").Build())]);

        var first = await Query.ListAsync(new RecordFilter(October), new PageRequest(0, 25));
        var second = await Query.ListAsync(new RecordFilter(October), new PageRequest(25, 25));

        Assert.Equal(30, first.Total);
        Assert.Equal(30, second.Total);
        Assert.Equal(25, first.Items.Count);
        Assert.Equal(["GD-05", "GD-04", "GD-03", "GD-02", "GD-01"], second.Items.Select(r => r.TicketNo));
        Assert.Equal("GD-30", first.Items[0].TicketNo);
    }

    [Fact]
    public async Task SortsByAWhitelistedColumnAndIgnoresOthers()
    {
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").Customer("B 合作社").ReceivedAt("2026-10-03 09:00").Build(),
            new TicketBuilder().No("GD-2").Customer("C 合作社").ReceivedAt("2026-10-01 09:00").Build(),
            new TicketBuilder().No("GD-3").Customer("A 合作社").ReceivedAt("2026-10-02 09:00").Build());

        Assert.Equal(["GD-3", "GD-1", "GD-2"], await NumbersAsync(new RecordFilter(October), new PageRequest(SortBy: "Customer")));
        Assert.Equal(["GD-2", "GD-1", "GD-3"], await NumbersAsync(new RecordFilter(October), new PageRequest(SortBy: "customer", Descending: true)));
        Assert.Equal(["GD-2", "GD-3", "GD-1"], await NumbersAsync(new RecordFilter(October), new PageRequest(SortBy: "ReceivedAt")));
        Assert.Equal(["GD-1", "GD-3", "GD-2"], await NumbersAsync(new RecordFilter(October), new PageRequest(SortBy: "Phone; DROP TABLE Tickets")));
    }

    [Fact]
    public async Task NeverReturnsMoreThanTheLargestPage()
    {
        await _database.AddAsync([.. Enumerable.Range(1, PageRequest.MaxTake + 5).Select(_ => new TicketBuilder().Build())]);

        var page = await Query.ListAsync(new RecordFilter(October), new PageRequest(-3, int.MaxValue));

        Assert.Equal(PageRequest.MaxTake + 5, page.Total);
        Assert.Equal(PageRequest.MaxTake, page.Items.Count);
    }

    [Fact]
    public async Task CarriesTheEnumValuesForDisplay()
    {
        await _database.AddAsync(new TicketBuilder().Channel(Channel.SalesRelay).ServiceType(ServiceType.ReturnRepair).Build());

        var row = Assert.Single((await Query.ListAsync(new RecordFilter(October), new PageRequest())).Items);

        Assert.Equal(Channel.SalesRelay, row.Channel);
        Assert.Equal(ServiceType.ReturnRepair, row.ServiceType);
    }
}
