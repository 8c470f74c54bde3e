using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Entities;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.EightD;

public class FaultClusterQueryTests : EightDTestBase
{
    private static readonly DateOnly From = new(2026, 10, 1);
    private static readonly DateOnly To = new(2026, 10, 31);

    private async Task SeedAsync() =>
        await Database.AddAsync(
            new TicketBuilder().No("GD-1").Customer("河南站").Product("测报灯", "M1").With(t => (t.SerialNo, t.Address) = ("S-1", "河南省郑州市")).Build(),
            new TicketBuilder().No("GD-2").Customer("陕西站").Product("测报灯", "M1").With(t => (t.SerialNo, t.Address) = ("S-2", "陕西省西安市")).Build(),
            new TicketBuilder().No("GD-3").Customer("山东站").Product("测报灯", "M1").With(t => t.SerialNo = "S-3").Build(),
            new RepairBuilder().No("WX-1").Ticket("GD-1").ReceivedAt("2026-10-03 09:00").FaultCause("通信模块故障").Build(),
            new RepairBuilder().No("WX-2").Ticket("GD-2").ReceivedAt("2026-10-20 09:00").FaultCause(" 通信模块故障 ").Build(),
            new ComplaintBuilder().No("TS-1").Ticket("GD-3").ReceivedAt("2026-10-25 15:00").RootCause("通信模块故障").Build(),
            // Same model, another cause; and the same cluster outside the period (the day after it ends, local time).
            new RepairBuilder().No("WX-3").Ticket("GD-1").ReceivedAt("2026-10-10 09:00").FaultCause("电源板烧毁").Build(),
            new RepairBuilder().No("WX-4").Ticket("GD-2").ReceivedAt("2026-11-01 00:30").FaultCause("通信模块故障").Build());

    [Fact]
    public async Task GroupsRepairsAndComplaintsByModelAndFaultCauseWithinThePeriod()
    {
        await SeedAsync();

        var clusters = await Clusters.RunAsync(From, To);

        Assert.Equal([("M1", "通信模块故障", 3), ("M1", "电源板烧毁", 1)], clusters.Select(c => (c.Key.Model!, c.Key.FaultCause!, c.Count)));
        var top = clusters[0];
        Assert.Equal((1, 2), (top.Complaints, top.Repairs));
        Assert.Equal(["TS-1"], top.ComplaintNos);
        Assert.Equal(["WX-1", "WX-2"], top.RepairNos);
        Assert.Equal(TestClock.Local("2026-10-03 09:00"), top.FirstAt);
        Assert.Equal(TestClock.Local("2026-10-25 15:00"), top.LastAt);
        Assert.Equal(["山东站", "河南站", "陕西站"], top.Customers);
        Assert.Equal(["S-1", "S-2", "S-3"], top.SerialNumbers);
    }

    [Fact]
    public async Task LeavesOutClustersBelowTheMinimumCount()
    {
        await SeedAsync();

        var clusters = await Clusters.RunAsync(From, To, minCount: 2);

        Assert.Equal(["通信模块故障"], clusters.Select(c => c.Key.FaultCause));
    }

    [Fact]
    public async Task DraftFromAClusterLinksItsRecordsAndCountsThem()
    {
        await SeedAsync();

        var draft = await Service.CreateFromClusterAsync(new FaultClusterKey("M1", "通信模块故障", From, To), Quality.Name);

        Assert.Equal(["TS-1"], draft.Links.Where(l => l.Kind == EightDLinkKind.Complaint).Select(l => l.Number));
        Assert.Equal(["WX-1", "WX-2"], draft.Links.Where(l => l.Kind == EightDLinkKind.Repair).Select(l => l.Number));
        Assert.Equal(["GD-1", "GD-2", "GD-3"], draft.Links.Where(l => l.Kind == EightDLinkKind.Ticket).Select(l => l.Number));
        var c = draft.Content;
        Assert.Equal("通信模块故障", c.Header.FaultCause);
        Assert.Equal((From, To), (c.Header.PeriodFrom!.Value, c.Header.PeriodTo!.Value));
        Assert.Equal((1, 2, 3, 3), (c.D2.HowMany.Complaints, c.D2.HowMany.Repairs, c.D2.HowMany.Units, c.D2.HowMany.SerialNumbers));
        Assert.Equal(["河南省", "陕西省"], c.D2.WhereRegions);
        Assert.Equal(["出厂编号 S-1、S-2、S-3 出现此症状的月份：2026-10"], c.D2.IsIsNot.Single(r => r.Dimension == IsIsNotDimension.Period).Is);
        Assert.Empty(c.D2.IsIsNot.Single(r => r.Dimension == IsIsNotDimension.Period).IsNot);
        Assert.Contains(c.OpenItems, o => o.Text.English == "the unit has no records in other months of the window to compare (period)");
        Assert.Equal(["通信模块故障"], c.D4.Candidates.Select(x => x.Text));
        Assert.Equal(["TS-1", "WX-1", "WX-2"], c.D4.Candidates.Single().Sources.Order());
        Assert.Equal("M1 通信模块故障", draft.Title);
    }

    [Fact]
    public async Task RefusesADraftFromAClusterWithoutRecords()
    {
        await SeedAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Service.CreateFromClusterAsync(new FaultClusterKey("M9", "通信模块故障", From, To), Quality.Name));

        Assert.Contains("M9", error.Message);
    }

    [Fact]
    public async Task ClusterIsNotNamesTheProductsOtherModelsAndTheModelsMonthsWithoutTheFault()
    {
        await Database.AddAsync(
            new TicketBuilder().No("GD-8").ReceivedAt("2026-08-10 10:00").Customer("河南站").Product("测报灯", "M1").Build(),
            new TicketBuilder().No("GD-7").ReceivedAt("2026-07-10 10:00").Customer("甘肃站").Product("测报灯", "M2").Build(),
            new TicketBuilder().No("GD-9").ReceivedAt("2026-09-10 10:00").Customer("甘肃站").Product("测报灯", "M2").Build(),
            new RepairBuilder().No("WX-9").Ticket("GD-9").ReceivedAt("2026-09-12 10:00").FaultCause("电源板烧毁").Build());

        var draft = await Service.CreateFromClusterAsync(new FaultClusterKey("M2", "电源板烧毁", new DateOnly(2026, 7, 1), new DateOnly(2026, 9, 30)), Quality.Name);

        var rows = draft.Content.D2.IsIsNot.ToDictionary(r => r.Dimension);
        Assert.Equal(["型号 M2 出现此症状的月份：2026-09"], rows[IsIsNotDimension.Period].Is);
        Assert.Equal(["型号 M2 在 2026-07 有记录，未出现此症状"], rows[IsIsNotDimension.Period].IsNot);
        Assert.Equal(["同产品其他 1 个型号有记录但未出现此症状：M1"], rows[IsIsNotDimension.Model].IsNot);
        Assert.Equal(["GD-9"], rows[IsIsNotDimension.Model].Sources);
    }

    [Fact]
    public async Task ClustersCompareCausesAsTheSymptomMatcherDoes()
    {
        await Database.AddAsync(
            new TicketBuilder().No("GD-1").Product("测报灯", "M1").Build(),
            new RepairBuilder().No("WX-1").Ticket("GD-1").ReceivedAt("2026-10-03 09:00").FaultCause("通信模块故障。").Build(),
            new RepairBuilder().No("WX-2").Ticket("GD-1").ReceivedAt("2026-10-04 09:00").FaultCause("通信 模块故障").Build());

        var cluster = Assert.Single(await Clusters.RunAsync(From, To));

        Assert.Equal(("通信模块故障", 2), (cluster.Key.FaultCause, cluster.Count));
    }
}
