using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Settings;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Exports.Pdf;
using ServiceInsights.Tests.Exports;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.EightD;
using UglyToad.PdfPig;

namespace ServiceInsights.Tests.EightD;

/// <summary>The committed seed-data/ imported once, a quality engineer "李明" (quality@…) to draft with.</summary>
public sealed class EightDSeedFixture : IAsyncLifetime
{
    public const string Author = "quality@serviceinsights.local";
    public const string AuthorName = "李明";

    public ReportExports Seed { get; } = new();

    public EightDService Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Seed.SeedAsync();
        await Seed.Database.AddAsync(EightDTestBase.User(Author, AuthorName));
        var factory = Seed.Database.Factory;
        Service = new EightDService(factory, TestClock.Shanghai, new SettingsStore(factory, TestClock.Shanghai), new FaultClusterQuery(factory, TestClock.Shanghai));
    }

    public Task DisposeAsync()
    {
        Seed.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// The 8D drafts of the seed data that a quality engineer read as wrong (issue 15): TS2026082501, the class-3 complaint about a
/// TPCB-IV-B (CB4B-2308157) whose drying chamber does not heat, and TS2026101001, a TPSQ-SQ complaint without a ticket.
/// </summary>
public sealed class EightDSeedDataTests(EightDSeedFixture fixture) : IClassFixture<EightDSeedFixture>
{
    private const string Complaint = "TS2026082501";
    private const string Symptom = "烘干仓不加热，虫体未处理";

    private static EightDDocument? _drafted;

    private async Task<EightDDocument> DraftAsync()
    {
        if (_drafted is null)
        {
            var existing = await fixture.Service.FindByComplaintAsync(Complaint);
            _drafted = existing is null
                ? await fixture.Service.CreateFromComplaintAsync(Complaint, EightDSeedFixture.Author)
                : await fixture.Service.LoadAsync(existing.Number);
        }

        return _drafted!;
    }

    [Fact]
    public async Task NeitherTheOtherModelNorAnyCustomerWithTheSameSymptomIsListedAsNotAffected()
    {
        var draft = await DraftAsync();
        var rows = draft.Content.D2.IsIsNot.ToDictionary(r => r.Dimension);

        // Counted straight from the database: the window's tickets of 虫情测报灯 and which customers report the symptom.
        await using var db = await fixture.Seed.Database.Factory.CreateDbContextAsync();
        var from = TestClock.Shanghai.ToUtc(new DateTime(2025, 9, 1));
        var to = TestClock.Shanghai.ToUtc(new DateTime(2026, 8, 26));
        var tickets = await db.Tickets.Where(t => t.ReceivedAt >= from && t.ReceivedAt < to && t.ProductName == "虫情测报灯")
            .Select(t => new { t.Model, t.Customer, t.Problem }).ToListAsync();
        var withSymptom = tickets.Where(t => SymptomMatcher.Normalise(t.Problem) == SymptomMatcher.Normalise(Symptom)).ToList();
        Assert.Contains(withSymptom, t => t.Model == "TPCB-III-A"); // the case the issue names: III-A has the symptom too
        var affectedCustomers = withSymptom.Select(t => t.Customer!).ToHashSet();
        var ivbCustomers = tickets.Where(t => t.Model == "TPCB-IV-B").Select(t => t.Customer!).ToHashSet();

        var isNot = string.Concat(draft.Content.D2.IsIsNot.SelectMany(r => r.IsNot));
        Assert.DoesNotContain("TPCB-III-A", isNot);
        Assert.Contains("TPCB-III-A", string.Concat(rows[IsIsNotDimension.Model].Is));
        Assert.All(affectedCustomers, customer => Assert.DoesNotContain(customer, isNot));
        var notAffected = ivbCustomers.Except(affectedCustomers).Count();
        Assert.True(notAffected > 0);
        var customerIsNot = Assert.Single(rows[IsIsNotDimension.Customer].IsNot);
        Assert.StartsWith($"同型号其他 {notAffected} 家客户未报告此症状：", customerIsNot);
        // Counts and at most five names, then 等: not a list of forty customers.
        Assert.True(customerIsNot.Split('：')[1].Split('、').Length <= IsIsNotTable.Names);
        Assert.EndsWith(" 等", customerIsNot);
    }

    [Fact]
    public async Task TheUnitsMonthsWithOtherSymptomsAreNotAffectedAndItsMonthsWithTheSymptomAre()
    {
        var rows = (await DraftAsync()).Content.D2.IsIsNot.ToDictionary(r => r.Dimension);

        // CB4B-2308157: 烘干仓不加热 in 2026-04 and 2026-08; 雨控 and 联网 in 2025-12, 雨控 in 2026-07.
        Assert.Equal(["出厂编号 CB4B-2308157 出现此症状的月份：2026-04、2026-08"], rows[IsIsNotDimension.Period].Is);
        Assert.Equal(["出厂编号 CB4B-2308157 在 2025-12、2026-07 有其他记录，未出现此症状"], rows[IsIsNotDimension.Period].IsNot);
    }

    [Fact]
    public async Task RepeatFlagsMarkTheSecondOccurrenceOfTheSameSymptomOnTheUnit()
    {
        var timeline = (await DraftAsync()).Content.D2.Timeline.Where(t => t.Kind is TimelineKind.Ticket or TimelineKind.Complaint);

        Assert.Equal(
            [
                ("GD2025122402", false), // 雨控功能失灵 — first
                ("GD2025122612", false), // 设备无法联网 — first
                ("GD2026042305", false), // 烘干仓不加热 — first
                ("GD2026070609", true), // 雨控功能失灵 — second
                ("GD2026082009", true), // 烘干仓不加热 — second
                (Complaint, true), // the complaint on that ticket
            ],
            timeline.Select(t => (t.Number, t.Repeat)));
    }

    [Fact]
    public async Task TheResponsiblePartyAndRootCauseAreTheComplaintsOwnAndNothingIsInferredFromTheOrigin()
    {
        var content = (await DraftAsync()).Content;

        Assert.Equal([("刘军", Complaint)], content.Header.Responsible.Select(r => (r.Text, r.Sources.Single())));
        Assert.Contains(content.D4.Candidates, c => c.Text == "来电未登记工单，无人跟踪" && c.Sources.SequenceEqual([Complaint]));
        var json = content.Serialize();
        Assert.DoesNotContain("生产部门", json);
        Assert.DoesNotContain("自制", json);
        Assert.DoesNotContain("报修", content.D2.How);
        Assert.Equal("来源：客户；电话 · 咨询", content.D2.How);
    }

    [Fact]
    public async Task D1ProposesRolesNotEveryoneWhoTouchedATicket()
    {
        var members = (await DraftAsync()).Content.D1.Members;

        Assert.Equal([$"{EightDSeedFixture.AuthorName} 8D 作者", $"张丽 {Complaint} 客服", $"刘军 {Complaint} 责任人"],
            members.Select(m => $"{m.Name} {string.Join(", ", m.Sources)}"));
    }

    [Theory]
    [InlineData(Complaint)]
    [InlineData("TS2026101001")]
    public async Task EveryPrefilledSentenceNamesARecordItCameFrom(string complaintNo)
    {
        var content = complaintNo == Complaint
            ? (await DraftAsync()).Content
            : await DraftOnceAsync(complaintNo);
        await using var db = await fixture.Seed.Database.Factory.CreateDbContextAsync();
        var numbers = (await db.Tickets.Select(t => t.TicketNo).ToListAsync())
            .Concat(await db.Complaints.Select(c => c.ComplaintNo).ToListAsync())
            .Concat(await db.Repairs.Select(r => r.RepairNo).ToListAsync())
            .ToHashSet();

        void Sourced(string what, string? text, IReadOnlyList<string>? sources)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            Assert.True(sources is { Count: > 0 }, $"{what} '{text}' names no record");
            Assert.All(sources!, s => Assert.True(numbers.Contains(s), $"{what}: '{s}' is no record number"));
        }

        var h = content.Header;
        Sourced("customers", string.Concat(h.Customers), h.Sources.GetValueOrDefault("Customers"));
        Sourced("models", string.Concat(h.Models), h.Sources.GetValueOrDefault("Models"));
        Sourced("serials", string.Concat(h.SerialNumbers), h.Sources.GetValueOrDefault("SerialNumbers"));
        Sourced("origin", h.Origin?.ToString(), h.Sources.GetValueOrDefault("Origin"));
        Sourced("D0 symptom", content.D0.Symptom, content.D0.SymptomSources);
        var d2 = content.D2;
        Sourced("D2 what", d2.What, d2.Sources.GetValueOrDefault("What"));
        Sourced("D2 where", string.Concat(d2.WhereRegions), d2.Sources.GetValueOrDefault("Where"));
        Sourced("D2 who", string.Concat(d2.Who), d2.Sources.GetValueOrDefault("Who"));
        Sourced("D2 how", d2.How, d2.Sources.GetValueOrDefault("How"));
        Sourced("D2 statement", d2.ProblemStatement, d2.Sources.GetValueOrDefault("ProblemStatement"));
        foreach (var row in d2.IsIsNot)
        {
            Sourced($"Is ({row.Dimension})", string.Concat(row.Is), row.Sources);
        }

        foreach (var text in h.Responsible.Concat(content.D0.EmergencyActions).Concat(content.D4.Candidates).Concat(content.D5.Recorded).Concat(content.D7.Recorded))
        {
            Sourced("recorded text", text.Text, text.Sources);
        }

        Assert.All(content.D1.Members.Skip(1), m => Assert.True(numbers.Contains(m.Sources.Single().Split(' ')[0]), $"D1 {m.Name}"));
        Assert.Equal("8D 作者", content.D1.Members[0].Sources.Single());
    }

    [Fact]
    public async Task AnEnglishDraftWritesItsSentencesInEnglishAndTheImportFormatsWords()
    {
        // TS2026080601: its ticket is an installation (安装调试) that came in by phone — not "电话报修".
        var content = await DraftOnceAsync("TS2026080601", chinese: false);

        Assert.Contains("Phone · Installation", content.D2.How);
        Assert.StartsWith("2026-07-28: TPSQ-1 of 1 customer(s) showed \"", content.D2.ProblemStatement);
        Assert.Equal(["8D author"], content.D1.Members[0].Sources);
        Assert.DoesNotContain(content.D1.Members.SelectMany(m => m.Sources), s => s.Contains("客服") || s.Contains(" / "));
        Assert.All(content.D2.IsIsNot.SelectMany(r => r.Is.Concat(r.IsNot)), sentence => Assert.DoesNotContain("出现此症状", sentence));
    }

    [Fact]
    public async Task ASecondComplaintOfTheSameProblemIsOfferedTheExistingEightDAndCanBeLinkedToIt()
    {
        var first = await DraftAsync();

        // TS2026091801: a TPCB-IV-B whose drying chamber does not heat, three weeks later — the same problem.
        var overlap = await Assert.ThrowsAsync<EightDOverlapException>(() => fixture.Service.CreateFromComplaintAsync("TS2026091801", EightDSeedFixture.Author));
        Assert.False(overlap.Linked);
        Assert.Equal([first.Number], overlap.Existing.Select(e => e.Number));

        await fixture.Service.LinkComplaintAsync(first.Number, "TS2026091801", new EightDActor(EightDSeedFixture.Author, [AppRoles.QualityEngineer]));

        Assert.Equal(first.Number, (await fixture.Service.FindByComplaintAsync("TS2026091801"))!.Number);
        var links = (await fixture.Service.LoadAsync(first.Number))!.Links;
        Assert.Contains(new EightDLinkRow(EightDLinkKind.Complaint, "TS2026091801"), links);
        Assert.Contains(await fixture.Service.HistoryAsync(first.Number),
            h => (h.Section, h.NewValue, h.UserName) == ("Links", "TS2026091801", EightDSeedFixture.AuthorName));
    }

    [Fact]
    public async Task ThePdfNamesPeopleByDisplayName()
    {
        var draft = await DraftAsync();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var export = new EightDExport(fixture.Service, new EightDLinkedRecordsQuery(fixture.Seed.Database.Factory, TestClock.Shanghai),
            TestLocalizer.Current(), TestClock.Shanghai);

        var file = (await export.ExportAsync(draft.Number, ExportFormat.Pdf))!;
        ReportExports.Dump(file, "seed");

        using var pdf = PdfDocument.Open(file.Content);
        var text = ReportExports.Text(pdf);
        Assert.Contains($"编制{EightDSeedFixture.AuthorName}", text);
        Assert.Contains($"负责人{EightDSeedFixture.AuthorName}", text);
        Assert.DoesNotContain(EightDSeedFixture.Author, text);
        Assert.Contains("自产", text);
        Assert.DoesNotContain("生产部门", text);

        var sheet = (await export.ExportAsync(draft.Number, ExportFormat.Xlsx))!;
        using var workbook = ReportExports.Workbook(sheet);
        var cells = workbook.Worksheets.First().CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains(EightDSeedFixture.AuthorName, cells);
        Assert.DoesNotContain(cells, c => c.Contains(EightDSeedFixture.Author));
    }

    private static readonly Dictionary<(string, bool), EightDContent> Drafted = [];

    /// <summary>A draft of another complaint, made once per language (drafting twice would be refused as the same problem).</summary>
    private async Task<EightDContent> DraftOnceAsync(string complaintNo, bool chinese = true)
    {
        if (!Drafted.TryGetValue((complaintNo, chinese), out var content))
        {
            content = (await fixture.Service.CreateFromComplaintAsync(complaintNo, EightDSeedFixture.AuthorName, chinese, separate: true)).Content;
            Drafted[(complaintNo, chinese)] = content;
        }

        return content;
    }
}
