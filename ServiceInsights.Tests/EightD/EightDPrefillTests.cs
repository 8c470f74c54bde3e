using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Entities;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.EightD;

public class EightDPrefillTests : EightDTestBase
{
    private const string Customer = "河南省植保站";
    private const string Model = "TPCB-III-A";
    private const string Product = "虫情测报灯";

    /// <summary>
    /// One unit (serial CB-001) back twice for the same fault, then a complaint on the second ticket; plus tickets of the
    /// same product that are not affected, one outside the window and one of another product.
    /// </summary>
    private async Task SeedUnitWithRepeatFailureAsync()
    {
        Ticket Ticket(string no, string received, string customer, string model, string? serial, string? staff = null, string? address = null, string product = Product) =>
            new TicketBuilder().No(no).ReceivedAt(received).Customer(customer).Product(product, model)
                .With(t => (t.SerialNo, t.Origin, t.Address, t.Channel, t.Staff, t.Problem) = (serial, Origin.SelfMade, address, Channel.Phone, staff, "设备无法联网"))
                .Build();

        await Database.AddAsync(
            Ticket("GD-A", "2026-09-01 09:00", Customer, Model, "CB-001", "李娜", "河南省郑州市金水区经三路91号"),
            new RepairBuilder().No("WX-A").Ticket("GD-A").ReceivedAt("2026-09-03 09:00").RepairedAt("2026-09-08 16:00").FaultCause("通信模块故障").Build(),
            Ticket("GD-B", "2026-10-10 10:00", Customer, Model, "CB-001", "赵婷", "河南省郑州市金水区经三路91号"),
            new RepairBuilder().No("WX-B").Ticket("GD-B").ReceivedAt("2026-10-12 09:00").FaultCause("通信模块故障").Build(),
            new SiteVisitBuilder().No("WP-B").Ticket("GD-B").OrderedAt("2026-10-13 14:00").Engineer("王工").Build(),
            new ComplaintBuilder().No("TS-A").Ticket("GD-B").ReceivedAt("2026-10-20 11:00").Customer(Customer).Staff("李娜")
                .Description("同一设备两次离线")
                .With(c => (c.ProductName, c.Model, c.SerialNo, c.Measures, c.Responsible, c.Source, c.CorrectiveAction) =
                    (Product, Model, "CB-001", "更换备用机", "张工", ComplaintSource.Customer, "更换通信模块供应商"))
                .Build(),
            // Not affected: another model of the product, another customer of the model, and records outside the comparison.
            Ticket("GD-C", "2026-08-01 10:00", "陕西省植保站", "TPCB-III-B", "CB-900"),
            Ticket("GD-D", "2026-07-01 10:00", "山东省植保站", Model, "CB-500"),
            Ticket("GD-E", "2025-09-01 10:00", "甘肃省植保站", "TPCB-X", "CB-100"),
            Ticket("GD-F", "2026-08-05 10:00", "湖北省农科院", "TPSQ-SQ", "SQ-1", product: "墒情监测站"));
    }

    [Fact]
    public async Task CountsComplaintsRepairsTicketsUnitsAndSerialsOfTheLinkedRecords()
    {
        await SeedUnitWithRepeatFailureAsync();

        var draft = await Service.CreateFromComplaintAsync("TS-A", Quality.Name);

        var howMany = draft.Content.D2.HowMany;
        Assert.Equal((1, 2, 2, 1, 1), (howMany.Complaints, howMany.Repairs, howMany.Tickets, howMany.SerialNumbers, howMany.Units));
        Assert.Equal(
            [new(EightDLinkKind.Complaint, "TS-A"), new(EightDLinkKind.Ticket, "GD-A"), new(EightDLinkKind.Ticket, "GD-B"),
                new(EightDLinkKind.Repair, "WX-A"), new EightDLinkRow(EightDLinkKind.Repair, "WX-B")],
            draft.Links);
    }

    [Fact]
    public async Task TimelineListsEveryDatedEventAndMarksTheRepeatOccurrences()
    {
        await SeedUnitWithRepeatFailureAsync();

        var d2 = (await Service.CreateFromComplaintAsync("TS-A", Quality.Name)).Content.D2;

        Assert.Equal(
            [
                ("2026-09-01 09:00", TimelineKind.Ticket, "GD-A", false), ("2026-09-03 09:00", TimelineKind.Repair, "WX-A", false),
                ("2026-09-08 16:00", TimelineKind.Repaired, "WX-A", false), ("2026-10-10 10:00", TimelineKind.Ticket, "GD-B", false),
                ("2026-10-12 09:00", TimelineKind.Repair, "WX-B", true), ("2026-10-13 14:00", TimelineKind.SiteVisit, "WP-B", false),
                ("2026-10-20 11:00", TimelineKind.Complaint, "TS-A", true),
            ],
            d2.Timeline.Select(t => (t.At.ToString("yyyy-MM-dd HH:mm"), t.Kind, t.Number, t.Repeat)));
        Assert.Equal(TestClock.Local("2026-09-03 09:00"), d2.FirstOccurrence);
        Assert.Equal(TestClock.Local("2026-10-20 11:00"), d2.LastOccurrence);
    }

    [Fact]
    public async Task IsIsNotSetsEqualTheAffectedAndUnaffectedRecordsOfTheWindow()
    {
        await SeedUnitWithRepeatFailureAsync();

        var rows = (await Service.CreateFromComplaintAsync("TS-A", Quality.Name)).Content.D2.IsIsNot.ToDictionary(r => r.Dimension);

        Assert.Equal([Model], rows[IsIsNotDimension.Model].Is);
        Assert.Equal(["TPCB-III-B"], rows[IsIsNotDimension.Model].IsNot);
        Assert.Equal([Customer], rows[IsIsNotDimension.Customer].Is);
        Assert.Equal(["山东省植保站"], rows[IsIsNotDimension.Customer].IsNot);
        Assert.Equal(["2026-09", "2026-10"], rows[IsIsNotDimension.Period].Is);
        // The window's other months in which the product had tickets (GD-D, GD-C); GD-E is before the window.
        Assert.Equal(["2026-07", "2026-08"], rows[IsIsNotDimension.Period].IsNot);
    }

    [Fact]
    public async Task FillsHeaderTeamAndCandidatesFromTheRecords()
    {
        await SeedUnitWithRepeatFailureAsync();

        var draft = await Service.CreateFromComplaintAsync("TS-A", Quality.Name);
        var c = draft.Content;

        Assert.Equal([Customer], c.Header.Customers);
        Assert.Equal([Model], c.Header.Models);
        Assert.Equal(["CB-001"], c.Header.SerialNumbers);
        Assert.Equal((Origin.SelfMade, EightDOriginOwner.Production), (c.Header.Origin!.Value, c.Header.OriginOwner!.Value));
        Assert.Equal(1, c.Header.ComplaintClass);
        Assert.Equal(["河南省"], c.D2.WhereRegions);
        Assert.Equal([Customer], c.D2.Who);
        Assert.Equal(["更换备用机"], c.D0.EmergencyActions.Select(a => a.Text));
        Assert.Equal(["TS-A"], c.D0.EmergencyActions.Single().Sources);
        Assert.Equal([("qe.li", TeamRole.Leader), ("张工", TeamRole.Member), ("李娜", TeamRole.Member), ("赵婷", TeamRole.Member), ("王工", TeamRole.Member)],
            c.D1.Members.Select(m => (m.Name, m.Role)));
        var candidate = Assert.Single(c.D4.Candidates);
        Assert.Equal("通信模块故障", candidate.Text);
        Assert.Equal(["WX-A", "WX-B"], candidate.Sources);
        Assert.Empty(c.D4.Causes);
        Assert.Equal(["更换通信模块供应商"], c.D5.Recorded.Select(r => r.Text));
        Assert.Empty(c.D5.Actions);
        Assert.Empty(c.D3.Actions);
        Assert.Contains("投诉 1 起，返厂维修 2 台次", c.D2.ProblemStatement);
        Assert.Equal("TS-A 河南省植保站 TPCB-III-A", draft.Title);
        Assert.Equal(EightDStatus.Draft, draft.Status);
        Assert.Matches(@"^8D-2026-0001$", draft.Number);
    }

    [Fact]
    public async Task FillsNothingTheRecordsDoNotHoldAndListsItAsOpenItems()
    {
        await BareComplaintAsync("TS-BARE");

        var c = (await Service.CreateFromComplaintAsync("TS-BARE", Quality.Name)).Content;

        Assert.Empty(c.Header.Models);
        Assert.Empty(c.Header.SerialNumbers);
        Assert.Null(c.Header.Origin);
        Assert.Null(c.Header.OriginOwner);
        Assert.Empty(c.D0.EmergencyActions);
        Assert.Equal("", c.D0.Symptom);
        Assert.Equal(["qe.li"], c.D1.Members.Select(m => m.Name));
        Assert.Empty(c.D2.WhereRegions);
        Assert.Empty(c.D2.Who);
        Assert.Empty(c.D3.Actions);
        Assert.Empty(c.D4.Candidates);
        Assert.Empty(c.D5.Recorded);
        Assert.Empty(c.D7.Recorded);
        Assert.Equal((1, 0, 0, 0, 0), (c.D2.HowMany.Complaints, c.D2.HowMany.Repairs, c.D2.HowMany.Tickets, c.D2.HowMany.Units, c.D2.HowMany.SerialNumbers));
        string[] expected =
        [
            "no product model recorded", "no serial number recorded", "no product origin recorded: the 8D owner (production or supplier) is open",
            "no symptom described in the records", "no emergency action recorded", "no champion recorded: name one",
            "no customer address recorded: the region is unknown", "no customer recorded", "no containment recorded",
            "no fault cause or root cause recorded", "no corrective action recorded", "no implementation or validation recorded",
            "no prevention recorded (FMEA, work instruction, training, similar products)",
        ];
        Assert.Equal(expected, c.OpenItems.Select(o => o.Text.English));
        Assert.All(c.OpenItems, o => Assert.False(string.IsNullOrWhiteSpace(o.Text.Chinese)));
        Assert.Equal("记录中无围堵措施", c.OpenItems.Single(o => o.Section == EightDSection.D3).Text.Chinese);
    }

    [Fact]
    public async Task PurchasedProductMakesTheSupplierOwnTheEightD()
    {
        await Database.AddAsync(
            new TicketBuilder().No("GD-P").Product("气象站", "QX-1").With(t => t.Origin = Origin.Purchased).Build(),
            new ComplaintBuilder().No("TS-P").Ticket("GD-P").Build());

        var header = (await Service.CreateFromComplaintAsync("TS-P", Quality.Name)).Content.Header;

        Assert.Equal((Origin.Purchased, EightDOriginOwner.Supplier), (header.Origin!.Value, header.OriginOwner!.Value));
    }

    [Fact]
    public async Task DifferingOriginsLeaveTheOwnerOpenInsteadOfPickingOne()
    {
        await Database.AddAsync(
            new TicketBuilder().No("GD-O1").Product("气象站", "QX-1").With(t => (t.SerialNo, t.Origin) = ("QX-9", Origin.SelfMade)).Build(),
            new TicketBuilder().No("GD-O2").Product("气象站", "QX-1").ReceivedAt("2026-10-20 10:00").With(t => (t.SerialNo, t.Origin) = ("QX-9", Origin.Imported)).Build(),
            new ComplaintBuilder().No("TS-O").Ticket("GD-O2").Build());

        var content = (await Service.CreateFromComplaintAsync("TS-O", Quality.Name)).Content;

        Assert.Null(content.Header.Origin);
        Assert.Null(content.Header.OriginOwner);
        Assert.Contains(content.OpenItems, o => o.Section == EightDSection.Header && o.Text.English == "the records give different origins: SelfMade, Imported");
    }

    [Fact]
    public async Task ClassesTheComplaintWithTheEngineAndNamesTheRepeat()
    {
        await Database.AddAsync(
            new ComplaintBuilder().No("TS-1").Customer("甘肃站").ReceivedAt("2026-09-01 09:00").Build(),
            new ComplaintBuilder().No("TS-2").Customer("甘肃站").ReceivedAt("2026-10-01 09:00").Build());

        var header = (await Service.CreateFromComplaintAsync("TS-2", Quality.Name)).Content.Header;

        Assert.Equal(2, header.ComplaintClass);
        Assert.Contains("TS-1", header.ComplaintClassReason!.English);
        Assert.Contains("TS-1", header.ComplaintClassReason.Chinese);
    }

    [Fact]
    public async Task RefusesAnUnknownComplaintAndASecondEightDForTheSameComplaint()
    {
        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => Service.CreateFromComplaintAsync("TS-NONE", Quality.Name));
        Assert.Equal("unknown complaint number 'TS-NONE'", unknown.Message);

        var first = await DraftAsync("TS-TWICE");
        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => Service.CreateFromComplaintAsync("TS-TWICE", Quality.Name));
        Assert.Contains(first.Number, again.Message);
    }
}
