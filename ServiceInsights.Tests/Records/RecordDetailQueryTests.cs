using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Records;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Records;

public sealed class RecordDetailQueryTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await new TestDatabase().MigrateAsync();

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private RecordDetailQuery Query => new(_database.Factory, TestClock.Shanghai);

    private static object? Value(RecordDetail detail, string property) => detail.Fields.Single(f => f.Field.Property == property).Value;

    [Fact]
    public async Task TicketComesWithEveryFieldInLocalTimeAndAllItsLinkedRecords()
    {
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").ReceivedAt("2026-10-31 23:30").Customer("黑龙江农垦").Channel(Channel.Phone).Build(),
            new RepairBuilder().No("WX-1").Ticket("GD-1").ReceivedAt("2026-11-02 09:00").FaultCause("探头损坏").Build(),
            new RepairUpdateBuilder("WX-1").At("2026-11-05 10:00").Method(RepairUpdateMethod.Phone).Notes("已换探头").Build(),
            new RepairUpdateBuilder("WX-1").At("2026-11-04 10:00").Method(RepairUpdateMethod.Email).Build(),
            new SiteVisitBuilder().No("WP-1").Ticket("GD-1").Engineer("赵工").Build(),
            new CallbackBuilder().No("HF-1").Ticket("GD-1").Method(CallbackMethod.Phone).Satisfaction(5).Build(),
            new ComplaintBuilder().No("TS-1").Ticket("GD-1").Description("维修太慢").Build(),
            new QuoteBuilder().Ticket("GD-1").Price(1130m, 1000m).Build(),
            new CallbackBuilder().No("HF-9").Ticket("GD-2").Build());

        var detail = await Query.LoadAsync(new RecordRef(RecordKind.Tickets, "GD-1"));

        Assert.NotNull(detail);
        Assert.Equal(RecordSchemas.Tickets.Fields.Select(f => f.Property), detail.Fields.Select(f => f.Field.Property));
        Assert.Equal(TestClock.Local("2026-10-31 23:30"), Value(detail, nameof(Ticket.ReceivedAt)));
        Assert.Equal(Channel.Phone, Value(detail, nameof(Ticket.Channel)));
        Assert.Null(Value(detail, nameof(Ticket.ResolvedAt)));
        Assert.Equal([RecordKind.Repairs, RecordKind.SiteVisits, RecordKind.Callbacks, RecordKind.Complaints, RecordKind.Quotes],
            detail.Links.Select(g => g.Kind));
        var repair = Assert.Single(detail.Links[0].Items);
        Assert.Equal(new RecordRef(RecordKind.Repairs, "WX-1"), repair.Ref);
        Assert.Equal(TestClock.Local("2026-11-02 09:00"), repair.At);
        Assert.Equal([TestClock.Local("2026-11-04 10:00"), TestClock.Local("2026-11-05 10:00")], repair.Children.Select(u => u.At));
        Assert.Contains(repair.Children[1].Summary, v => v.Value is RepairUpdateMethod.Phone);
        var callback = Assert.Single(detail.Links[2].Items);
        Assert.Equal("HF-1", callback.Ref.Key);
        Assert.Contains(callback.Summary, v => v.Field.Property == nameof(Callback.Satisfaction) && v.Value is 5);
        Assert.Contains(Assert.Single(detail.Links[4].Items).Summary, v => v.Value is 1130m);
    }

    [Fact]
    public async Task RecordWhoseTicketIsNotImportedShowsTheNumberAsNotStored()
    {
        await _database.AddAsync(new CallbackBuilder().No("HF-1").Ticket("GD-404").Customer("黑龙江农垦").Build());

        var detail = await Query.LoadAsync(new RecordRef(RecordKind.Callbacks, "HF-1"));

        Assert.NotNull(detail);
        Assert.Equal("黑龙江农垦", Value(detail, nameof(Callback.Customer)));
        var link = Assert.Single(Assert.Single(detail.Links).Items);
        Assert.Equal(new RecordRef(RecordKind.Tickets, "GD-404"), link.Ref);
        Assert.False(link.Stored);
    }

    [Fact]
    public async Task RepairComesWithItsTicketAndStatusUpdates()
    {
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").Customer("黑龙江农垦").Build(),
            new RepairBuilder().No("WX-1").Ticket("GD-1").Build(),
            new RepairUpdateBuilder("WX-1").Method(RepairUpdateMethod.InPerson).Build());

        var detail = await Query.LoadAsync(new RecordRef(RecordKind.Repairs, "WX-1"));

        Assert.NotNull(detail);
        Assert.Equal([RecordKind.Tickets, RecordKind.RepairUpdates], detail.Links.Select(g => g.Kind));
        var ticket = Assert.Single(detail.Links[0].Items);
        Assert.True(ticket.Stored);
        Assert.Contains(ticket.Summary, v => v.Value is "黑龙江农垦");
    }

    [Theory]
    [InlineData(RecordKind.SiteVisits, "WP-1")]
    [InlineData(RecordKind.Complaints, "TS-1")]
    public async Task VisitsAndComplaintsComeWithTheirTicket(RecordKind kind, string key)
    {
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").Build(),
            new SiteVisitBuilder().No("WP-1").Ticket("GD-1").Build(),
            new ComplaintBuilder().No("TS-1").Ticket("GD-1").Build());

        var detail = await Query.LoadAsync(new RecordRef(kind, key));

        Assert.Equal(new RecordRef(RecordKind.Tickets, "GD-1"), Assert.Single(Assert.Single(detail!.Links).Items).Ref);
    }

    [Fact]
    public async Task RecordWithoutTicketNumberHasNoLinksAndAnUnknownKeyNoDetail()
    {
        await _database.AddAsync(new ComplaintBuilder().No("TS-1").Ticket(null).Build());

        Assert.Empty((await Query.LoadAsync(new RecordRef(RecordKind.Complaints, "TS-1")))!.Links);
        Assert.Null(await Query.LoadAsync(new RecordRef(RecordKind.Tickets, "GD-nope")));
    }
}
