using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Entities;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.EightD;

public class EightDPrefillTests : EightDTestBase
{
    private const string Customer = "河南省植保站";
    private const string Model = "TPCB-III-A";
    private const string Product = "虫情测报灯";

    private const string Offline = "设备无法联网";
    private const string LampOut = "诱虫灯管不亮";

    /// <summary>
    /// One unit (serial CB-001) back twice for the same fault, then a complaint on the second ticket; another customer of the
    /// model with the same symptom (GD-G); tickets of the product with another symptom (GD-C, GD-D), one outside the window
    /// and one of another product.
    /// </summary>
    private async Task SeedUnitWithRepeatFailureAsync()
    {
        Ticket Ticket(string no, string received, string customer, string model, string? serial, string? staff = null, string? address = null,
            string product = Product, string problem = Offline) =>
            new TicketBuilder().No(no).ReceivedAt(received).Customer(customer).Product(product, model)
                .With(t => (t.SerialNo, t.Origin, t.Address, t.Channel, t.Staff, t.Problem, t.ServiceType) =
                    (serial, Origin.SelfMade, address, Channel.Phone, staff, problem, ServiceType.ReturnRepair))
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
            // The same symptom at another customer of the model: affected, never "not affected".
            Ticket("GD-G", "2026-08-10 10:00", "湖北省植保站", Model, "CB-700", "钱芳", problem: Offline + "\n（客户补充：雷雨天气后出现）"),
            // Not affected: another model of the product, another customer of the model, and records outside the comparison.
            Ticket("GD-C", "2026-08-01 10:00", "陕西省植保站", "TPCB-III-B", "CB-900", problem: LampOut),
            Ticket("GD-D", "2026-07-01 10:00", "山东省植保站", Model, "CB-500", problem: LampOut),
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
                ("2026-09-08 16:00", TimelineKind.Repaired, "WX-A", false), ("2026-10-10 10:00", TimelineKind.Ticket, "GD-B", true),
                ("2026-10-12 09:00", TimelineKind.Repair, "WX-B", true), ("2026-10-13 14:00", TimelineKind.SiteVisit, "WP-B", false),
                ("2026-10-20 11:00", TimelineKind.Complaint, "TS-A", true),
            ],
            d2.Timeline.Select(t => (t.At.ToString("yyyy-MM-dd HH:mm"), t.Kind, t.Number, t.Repeat)));
        // An occurrence is dated by its ticket (the first report of the symptom), its repairs and complaints are part of it.
        Assert.Equal(TestClock.Local("2026-09-01 09:00"), d2.FirstOccurrence);
        Assert.Equal(TestClock.Local("2026-10-10 10:00"), d2.LastOccurrence);
    }

    [Fact]
    public async Task IsIsNotPutsEveryPlaceWithTheSymptomUnderIsAndComparesTheRest()
    {
        await SeedUnitWithRepeatFailureAsync();

        var content = (await Service.CreateFromComplaintAsync("TS-A", Quality.Name)).Content;
        var rows = content.D2.IsIsNot.ToDictionary(r => r.Dimension);

        Assert.Equal(["1 个型号出现此症状：TPCB-III-A（3 条）"], rows[IsIsNotDimension.Model].Is);
        Assert.Equal(["同产品其他 1 个型号有记录但未出现此症状：TPCB-III-B"], rows[IsIsNotDimension.Model].IsNot);
        Assert.Equal(["2 家客户出现此症状：河南省植保站（2 条）、湖北省植保站（1 条）"], rows[IsIsNotDimension.Customer].Is);
        Assert.Equal(["同型号其他 1 家客户未报告此症状：山东省植保站"], rows[IsIsNotDimension.Customer].IsNot);
        Assert.Equal(["2 台设备出现此症状：CB-001（2 条）、CB-700（1 条）"], rows[IsIsNotDimension.SerialNumber].Is);
        Assert.Equal(["同型号其他 1 台设备有记录但未出现此症状：CB-500"], rows[IsIsNotDimension.SerialNumber].IsNot);
        // The unit had tickets only with the symptom: nothing to compare, so an open item instead of "is not".
        Assert.Equal(["出厂编号 CB-001 出现此症状的月份：2026-09、2026-10"], rows[IsIsNotDimension.Period].Is);
        Assert.Empty(rows[IsIsNotDimension.Period].IsNot);
        Assert.Contains(content.OpenItems, o => o.Section == EightDSection.D2 && o.Text.Chinese == "该设备在期间内无其他月份的记录可比较（时间维度）");
        Assert.Equal(["出现此症状的记录所载故障原因：通信模块故障（2 条）"], rows[IsIsNotDimension.FaultCause].Is);
        Assert.Equal(["GD-G", "GD-A", "GD-B"], rows[IsIsNotDimension.Customer].Sources);
    }

    [Fact]
    public async Task IsIsNotNamesTheUnitsOtherMonthsAndWritesEnglishForAnEnglishRequest()
    {
        await SeedUnitWithRepeatFailureAsync();
        await Database.AddAsync(new TicketBuilder().No("GD-H").ReceivedAt("2026-06-01 10:00").Customer(Customer).Product(Product, Model)
            .With(t => (t.SerialNo, t.Problem) = ("CB-001", LampOut)).Build());

        var content = (await Service.CreateFromComplaintAsync("TS-A", Quality.Name, chinese: false)).Content;
        var rows = content.D2.IsIsNot.ToDictionary(r => r.Dimension);

        Assert.Equal(["unit CB-001 has other records in 2026-06, without this symptom"], rows[IsIsNotDimension.Period].IsNot);
        Assert.Equal(["1 other customer(s) of the same model did not report this symptom: 山东省植保站"], rows[IsIsNotDimension.Customer].IsNot);
        Assert.StartsWith("2026-09-01 to 2026-10-10: TPCB-III-A of 1 customer(s) showed", content.D2.ProblemStatement);
        Assert.Equal(["李静: 8D author", "李娜: TS-A Staff", "张工: TS-A Responsible"], content.D1.Members.Select(m => $"{m.Name}: {string.Join(", ", m.Sources)}"));
    }

    [Fact]
    public async Task HowUsesTheImportFormatsWordsForChannelAndServiceType()
    {
        await Database.AddAsync(
            new TicketBuilder().No("GD-I").Product("气象站", "QX-1")
                .With(t => (t.Channel, t.ServiceType, t.Problem) = (Channel.Phone, ServiceType.Installation, "新购设备到货，需要安装调试")).Build(),
            new ComplaintBuilder().No("TS-I").Ticket("GD-I").With(c => c.Source = ComplaintSource.SalesRelay).Build());

        var d2 = (await Service.CreateFromComplaintAsync("TS-I", Quality.Name)).Content.D2;

        Assert.Equal("来源：销售转达；电话 · 安装调试", d2.How);
        Assert.DoesNotContain("报修", d2.How);
        Assert.Equal(["TS-I", "GD-I"], d2.Sources["How"]);
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
        Assert.Equal(Origin.SelfMade, c.Header.Origin);
        Assert.Equal([("张工", "TS-A")], c.Header.Responsible.Select(r => (r.Text, r.Sources.Single())));
        Assert.Equal(1, c.Header.ComplaintClass);
        Assert.Equal(["河南省"], c.D2.WhereRegions);
        Assert.Equal([Customer], c.D2.Who);
        Assert.Equal(["更换备用机"], c.D0.EmergencyActions.Select(a => a.Text));
        Assert.Equal(["TS-A"], c.D0.EmergencyActions.Single().Sources);
        // Roles, not everyone who touched a ticket: 赵婷 (GD-B's staff) and 王工 (the visit's engineer) are not proposed.
        Assert.Equal([("李静", TeamRole.Leader), ("李娜", TeamRole.Member), ("张工", TeamRole.Member)], c.D1.Members.Select(m => (m.Name, m.Role)));
        Assert.Equal([["8D 作者"], ["TS-A 客服"], ["TS-A 责任人"]], c.D1.Members.Select(m => m.Sources));
        Assert.Contains(c.OpenItems, o => o.Section == EightDSection.D1 && o.Text.English == "name a member from quality");
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
        Assert.Empty(c.Header.Responsible);
        Assert.Empty(c.D0.EmergencyActions);
        Assert.Equal("", c.D0.Symptom);
        Assert.Equal(["李静"], c.D1.Members.Select(m => m.Name));
        Assert.Empty(c.D2.WhereRegions);
        Assert.Empty(c.D2.Who);
        Assert.Empty(c.D3.Actions);
        Assert.Empty(c.D4.Candidates);
        Assert.Empty(c.D5.Recorded);
        Assert.Empty(c.D7.Recorded);
        Assert.Equal((1, 0, 0, 0, 0), (c.D2.HowMany.Complaints, c.D2.HowMany.Repairs, c.D2.HowMany.Tickets, c.D2.HowMany.Units, c.D2.HowMany.SerialNumbers));
        string[] expected =
        [
            "no product model recorded", "no serial number recorded", "no product origin recorded",
            "no responsible party recorded (the complaint's Responsible): to confirm",
            "no symptom described in the records", "no emergency action recorded",
            "no customer-service owner of the complaint recorded: name one", "name a member from quality",
            "if the fault lies in the product, name a member from production or R&D (the supplier for purchased or imported products)",
            "no champion recorded: name one",
            "no customer address recorded: the region is unknown", "no customer recorded",
            "no problem text or fault cause recorded: Is / Is Not cannot be compared",
            "no containment recorded", "no fault cause or root cause recorded", "no corrective action recorded",
            "no implementation or validation recorded",
        ];
        Assert.Equal(expected, c.OpenItems.Select(o => o.Text.English));
        Assert.All(c.OpenItems, o => Assert.False(string.IsNullOrWhiteSpace(o.Text.Chinese)));
        Assert.Equal("记录中无围堵措施", c.OpenItems.Single(o => o.Section == EightDSection.D3).Text.Chinese);
        // Missing D7 documents and empty D8 fields are open items while they stay empty (computed, not stored).
        Assert.Equal(
            ["D7: no change listed for the FMEA (or a note that none is needed)", "D7: no change listed for the work instruction (or a note that none is needed)",
                "D7: no change listed for the training (or a note that none is needed)", "D7: no change listed for the similar products (or a note that none is needed)",
                "D8: the closure summary is empty", "D8: the team recognition is empty", "D8: the closing date is empty"],
            EightDRules.Pending(c).Select(o => o.Text.English));
        c.D7.Items.Add(new PreventionItem { Document = PreventionDocument.Fmea, Change = "增加雷击失效模式" });
        c.D8.Summary = "已结案";
        Assert.Contains("D7 row 1: owner or due date missing", EightDRules.Pending(c).Select(o => o.Text.English));
        Assert.DoesNotContain(EightDRules.Pending(c), o => o.Text.English.Contains("FMEA") || o.Text.English.Contains("summary"));
    }

    [Fact]
    public async Task PurchasedProductNamesNoResponsiblePartyTheComplaintDoesNotRecord()
    {
        await Database.AddAsync(
            new TicketBuilder().No("GD-P").Product("气象站", "QX-1").With(t => t.Origin = Origin.Purchased).Build(),
            new ComplaintBuilder().No("TS-P").Ticket("GD-P").Build());

        var header = (await Service.CreateFromComplaintAsync("TS-P", Quality.Name)).Content.Header;

        Assert.Equal(Origin.Purchased, header.Origin);
        Assert.Empty(header.Responsible);
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
        var again = await Assert.ThrowsAsync<EightDOverlapException>(() => Service.CreateFromComplaintAsync("TS-TWICE", Quality.Name));
        Assert.Contains(first.Number, again.Message);
        Assert.True(again.Linked);
        Assert.Equal([first.Number], again.Existing.Select(e => e.Number));
    }
}
