using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;
using ServiceInsights.Data.Worklist;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Worklist;

/// <summary>The callback worklist on a real database: what is on it, when it leaves, who sees what, the counts.</summary>
public sealed class CallbackWorklistQueryTests : IAsyncLifetime
{
    private readonly TestDatabase _db = new();

    public async Task InitializeAsync() => await _db.MigrateAsync();

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    private Task<CallbackWorklist> RunAsync(string asOf, string? staff = null, string? rule = null, WorklistWindow window = WorklistWindow.All) =>
        _db.Worklist().RunAsync(new WorklistFilter(staff, rule, window), TestClock.Local(asOf));

    private static Ticket Resolved(string no, string resolved, string staff = "王芳", string product = "土壤检测仪") =>
        new TicketBuilder().No(no).ReceivedAt(DateTime.Parse(resolved).AddDays(-1).ToString("yyyy-MM-dd HH:mm")).ResolvedAt(resolved).Staff(staff)
            .Product(product, "TR-1").With(t => (t.Customer, t.Contact, t.Phone) = ("山东农科", "李工", "13800000001")).Build();

    [Fact]
    public async Task AResolvedTicketIsDueForAPhoneCallAndAnSms()
    {
        await _db.AddAsync(Resolved("GD1", "2026-11-02 10:00"));

        var worklist = await RunAsync("2026-11-05 09:00");

        var phone = Assert.Single(worklist.Items, i => i.Rule == "CS-3d");
        Assert.Equal(("GD1", "王芳", DateTime.Parse("2026-11-09 10:00"), false, 0), (phone.TicketNo, phone.Staff, phone.Due, phone.Overdue, phone.Attempts));
        Assert.Equal(("山东农科", "李工", "13800000001", "TR-1"), (phone.Ticket!.Customer, phone.Ticket.Contact, phone.Ticket.Phone, phone.Ticket.Model));
        Assert.Equal(4, phone.DaysLeft(worklist.Today));
        var sms = Assert.Single(worklist.Items, i => i.Rule == "CS-7a");
        Assert.Equal((CallbackChannel.Sms, DateTime.Parse("2026-12-03 10:00")), (sms.Channel, sms.Due));
        Assert.DoesNotContain(worklist.Items, i => i.Rule == "CS-7b"); // not a key product
    }

    [Fact]
    public async Task AKeyProductAndAVisitAddTheirPhoneDuties()
    {
        await _db.AddAsync(Resolved("GD1", "2026-11-02 10:00", product: "虫情测报灯"),
            new SiteVisitBuilder().No("WP1").Ticket("GD1").OrderedAt("2026-10-30 09:00").With(v => v.CompletedAt = TestClock.Utc("2026-11-03 16:00")).Build());

        var worklist = await RunAsync("2026-11-05 09:00");

        Assert.Equal(["CS-3d", "CS-7a", "CS-7b", "OS-2d"], worklist.Items.Select(i => i.Rule).Order());
        var visit = Assert.Single(worklist.Items, i => i.Rule == "OS-2d");
        Assert.Equal(("GD1", "WP1", "王芳", DateTime.Parse("2026-11-10 16:00")), (visit.TicketNo, visit.DispatchNo, visit.Staff, visit.Due));
    }

    [Fact]
    public async Task AnImportedCallbackTakesTheItemsItSatisfiesOff()
    {
        await _db.AddAsync(Resolved("GD1", "2026-11-02 10:00"),
            new CallbackBuilder().Ticket("GD1").At("2026-11-04 15:00").Method(CallbackMethod.Phone).Build());

        var worklist = await RunAsync("2026-11-05 09:00");

        Assert.Equal(["CS-7a"], worklist.Items.Select(i => i.Rule));
        Assert.Equal(1, Assert.Single(worklist.Counts).DoneThisWeek);
    }

    [Fact]
    public async Task AnUnreachedCallbackIsAnAttemptAndKeepsTheItemWhereTheRuleIsNotMet()
    {
        await _db.AddAsync(Resolved("GD1", "2026-11-02 10:00"),
            new CallbackBuilder().Ticket("GD1").At("2026-11-03 15:00").Method(CallbackMethod.Phone).With(c => c.Reached = false).Build(),
            new CallbackBuilder().Ticket("GD1").At("2026-11-04 15:00").Method(CallbackMethod.Phone).With(c => c.Reached = false).Build());

        var worklist = await RunAsync("2026-11-05 09:00");
        var kpi = await _db.Kpi().RunAsync(new(2026, 11), TestClock.Local("2026-11-05 09:00"));

        // The rule decides whether an unreached call is done (the standard: it is not); the list follows it, and counts the calls.
        var verdict = Assert.Single(kpi["CS-3d"].Verdicts).Verdict;
        var item = worklist.Items.SingleOrDefault(i => i.Rule == "CS-3d");
        Assert.Equal(verdict != Verdict.Met, item is not null);
        Assert.True(item is null || item.Attempts == 2);
    }

    [Fact]
    public async Task AMissedCallIsOverdueForThirtyDaysThenLeaves()
    {
        await _db.AddAsync(Resolved("GD1", "2026-10-01 10:00"));

        var overdue = Assert.Single((await RunAsync("2026-10-20 09:00")).Items, i => i.Rule == "CS-3d");
        Assert.True(overdue.Overdue);
        Assert.Equal((DateTime.Parse("2026-10-08 10:00"), -12), (overdue.Due, overdue.DaysLeft(new DateOnly(2026, 10, 20))));
        Assert.Contains((await RunAsync("2026-11-07 10:00")).Items, i => i.Rule == "CS-3d");
        Assert.DoesNotContain((await RunAsync("2026-11-07 10:01")).Items, i => i.Rule == "CS-3d");
    }

    [Fact]
    public async Task ALateCallTakesAnOverdueItemOffWhileTheKpiStaysMissed()
    {
        await _db.AddAsync(Resolved("GD1", "2026-10-12 10:00"),
            new CallbackBuilder().Ticket("GD1").At("2026-10-22 15:00").Method(CallbackMethod.Phone).Build());

        var worklist = await RunAsync("2026-10-23 09:00");
        var kpi = await _db.Kpi().RunAsync(new(2026, 10), TestClock.Local("2026-10-23 09:00"));

        Assert.DoesNotContain(worklist.Items, i => i.Rule == "CS-3d");
        Assert.Equal(Verdict.Missed, Assert.Single(kpi["CS-3d"].Verdicts).Verdict);
    }

    [Fact]
    public async Task TheStaffFilterShowsOneMembersItemsAndTheCountsCoverEveryone()
    {
        await _db.AddAsync(Resolved("GD1", "2026-11-02 10:00", "王芳"), Resolved("GD2", "2026-11-03 10:00", "李强"), Resolved("GD3", "2026-10-20 10:00", "李强"));

        var mine = await RunAsync("2026-11-05 09:00", staff: "王芳");
        var everyone = await RunAsync("2026-11-05 09:00");

        Assert.All(mine.Items, i => Assert.Equal("王芳", i.Staff));
        Assert.Equal(["GD1"], mine.Items.Select(i => i.TicketNo).Distinct());
        Assert.Equal(["GD1", "GD2", "GD3"], everyone.Items.Select(i => i.TicketNo).Distinct().Order());
        // 李强: GD2's phone call due this week (11-10 is next week: not counted), GD3's missed call overdue; SMS due in December.
        Assert.Equal([new WorklistStaffCount("李强", 0, 1, 0), new WorklistStaffCount("王芳", 0, 0, 0)], everyone.Counts);
    }

    [Fact]
    public async Task TheWindowAndRuleFiltersNarrowTheList()
    {
        await _db.AddAsync(Resolved("GD1", "2026-10-28 10:00"), Resolved("GD2", "2026-11-03 10:00"), Resolved("GD3", "2026-10-20 10:00"));

        // As of Wednesday 2026-11-04: GD1's call is due 11-04 (today), GD2's 11-10 (next week), GD3's is overdue.
        Assert.Equal(["GD1", "GD3"], (await RunAsync("2026-11-04 09:00", rule: "CS-3d", window: WorklistWindow.Today)).Items.Select(i => i.TicketNo).Order());
        Assert.Equal(["GD1", "GD3"], (await RunAsync("2026-11-04 09:00", rule: "CS-3d", window: WorklistWindow.Week)).Items.Select(i => i.TicketNo).Order());
        Assert.Equal(["GD3"], (await RunAsync("2026-11-04 09:00", rule: "CS-3d", window: WorklistWindow.Overdue)).Items.Select(i => i.TicketNo));
        Assert.Equal(["GD1", "GD2", "GD3"], (await RunAsync("2026-11-04 09:00", rule: "CS-3d")).Items.Select(i => i.TicketNo).Order());
        Assert.All((await RunAsync("2026-11-04 09:00", rule: "cs-7a")).Items, i => Assert.Equal("CS-7a", i.Rule));
    }

    [Fact]
    public async Task TheJsonIsOneObjectWithTheItemsAsTheIssueSpecifies()
    {
        await _db.AddAsync(Resolved("GD1", "2026-11-02 10:00"));

        using var json = System.Text.Json.JsonDocument.Parse(CallbackWorklistJson.Write(await RunAsync("2026-11-05 09:00", rule: "CS-3d")));

        Assert.Equal("2026-11-05T09:00", json.RootElement.GetProperty("asOf").GetString());
        var item = Assert.Single(json.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal(["rule", "ticketNo", "staff", "due", "overdue", "attempts"], item.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("CS-3d", "GD1", "王芳", "2026-11-09T10:00", false, 0),
            (item.GetProperty("rule").GetString(), item.GetProperty("ticketNo").GetString(), item.GetProperty("staff").GetString(),
                item.GetProperty("due").GetString(), item.GetProperty("overdue").GetBoolean(), item.GetProperty("attempts").GetInt32()));
    }
}
