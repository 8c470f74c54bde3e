using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Entities;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.EightD;

public class EightDServiceTests : EightDTestBase
{
    [Fact]
    public async Task SavingASectionWritesOneHistoryEntryPerChangedFieldWithOldAndNewValue()
    {
        var draft = await DraftAsync();
        var edited = draft.Content.Clone();
        var oldStatement = edited.D2.ProblemStatement;
        edited.D2.ProblemStatement = "10 月起 TPCB-III-A 反复离线";
        edited.D2.Why = "待 D4 分析";

        var result = await Service.SaveSectionAsync(draft.Number, draft.Version, EightDSection.D2, edited, Quality);

        Assert.Equal(draft.Version + 1, result.Version);
        var history = await Service.HistoryAsync(draft.Number);
        Assert.Equal(
            [("D2", "ProblemStatement", oldStatement, "10 月起 TPCB-III-A 反复离线"), ("D2", "Why", "", "待 D4 分析")],
            history.Select(h => (h.Section, h.Field, h.OldValue, h.NewValue)).OrderBy(h => h.Field));
        Assert.All(history, h => Assert.Equal(("李静", TestClock.Local("2026-11-28 10:00")), (h.UserName, h.At)));
        Assert.Equal("10 月起 TPCB-III-A 反复离线", (await Service.LoadAsync(draft.Number))!.Content.D2.ProblemStatement);
    }

    [Fact]
    public async Task HistoryNamesTheTableRowAndFieldOfAnEdit()
    {
        var draft = await DraftAsync();
        var edited = draft.Content.Clone();
        edited.D4.Causes = [new RootCause { Id = 1, Description = "焊点虚焊", ContributionPercent = 60 }];
        var version = (await Service.SaveSectionAsync(draft.Number, draft.Version, EightDSection.D4, edited, Quality)).Version;

        edited.D4.Causes[0].ContributionPercent = 100;
        edited.D4.Causes[0].Whys[0] = "焊接温度不足";
        await Service.SaveSectionAsync(draft.Number, version, EightDSection.D4, edited, Quality);

        var latest = (await Service.HistoryAsync(draft.Number)).Where(h => h.NewValue != null && !h.NewValue.StartsWith('{')).ToList();
        Assert.Contains(latest, h => (h.Field, h.OldValue, h.NewValue) == ("Causes[1].ContributionPercent", "60", "100"));
        Assert.Contains(latest, h => (h.Field, h.OldValue, h.NewValue) == ("Causes[1].Whys", "; ; ; ; ", "焊接温度不足; ; ; ; "));
    }

    [Fact]
    public async Task AnAddedTableRowIsOneHistoryEntryWithTheRow()
    {
        var draft = await DraftAsync();
        var edited = draft.Content.Clone();
        edited.D3.Actions.Add(new ContainmentAction { Action = "库存隔离", Owner = "王工", Date = new DateOnly(2026, 11, 27), EffectivenessPercent = 90 });

        await Service.SaveSectionAsync(draft.Number, draft.Version, EightDSection.D3, edited, Quality);

        var entry = Assert.Single(await Service.HistoryAsync(draft.Number));
        Assert.Equal(("D3", "Actions[1]", null), (entry.Section, entry.Field, entry.OldValue));
        Assert.Contains("库存隔离", entry.NewValue);
        Assert.Contains("\"effectivenessPercent\":90", entry.NewValue);
    }

    [Fact]
    public async Task SavingWithoutAChangeKeepsTheVersionAndWritesNoHistory()
    {
        var draft = await DraftAsync();

        var result = await Service.SaveSectionAsync(draft.Number, draft.Version, EightDSection.D3, draft.Content, Quality);

        Assert.Equal(draft.Version, result.Version);
        Assert.Empty(await Service.HistoryAsync(draft.Number));
    }

    [Fact]
    public async Task ASaveAgainstAnOutdatedVersionIsRefusedAndKeepsTheFirstSave()
    {
        var draft = await DraftAsync();
        var mine = draft.Content.Clone();
        mine.D2.ProblemStatement = "mine";
        var theirs = draft.Content.Clone();
        theirs.D2.ProblemStatement = "theirs";

        await Service.SaveSectionAsync(draft.Number, draft.Version, EightDSection.D2, mine, Quality);
        var conflict = await Assert.ThrowsAsync<EightDConcurrencyException>(() =>
            Service.SaveSectionAsync(draft.Number, draft.Version, EightDSection.D2, theirs, Manager));

        Assert.Contains(draft.Number, conflict.Message);
        Assert.Equal("mine", (await Service.LoadAsync(draft.Number))!.Content.D2.ProblemStatement);
    }

    [Fact]
    public async Task TwoSavesRacingFromTheSameVersionLetOnlyOneThrough()
    {
        var draft = await DraftAsync();
        var saves = Enumerable.Range(0, 4).Select(i =>
        {
            var edited = draft.Content.Clone();
            edited.D2.ProblemStatement = $"edit {i}";
            return Task.Run(() => Service.SaveSectionAsync(draft.Number, draft.Version, EightDSection.D2, edited, Quality));
        }).ToList();

        var outcomes = await Task.WhenAll(saves.Select(async s =>
        {
            try
            {
                await s;
                return "saved";
            }
            catch (EightDConcurrencyException)
            {
                return "conflict";
            }
        }));

        Assert.Single(outcomes, o => o == "saved");
        Assert.Equal(draft.Version + 1, (await Service.LoadAsync(draft.Number))!.Version);
    }

    [Fact]
    public async Task RefusesToSaveAD6StepValidatedBeforeItsActionIsVerified()
    {
        var draft = await DraftAsync();
        var edited = Complete(draft.Content);
        edited.D5.Actions[0].VerifiedOn = null;
        var version = (await Service.SaveSectionAsync(draft.Number, draft.Version, EightDSection.D4, edited, Quality)).Version;
        version = (await Service.SaveSectionAsync(draft.Number, version, EightDSection.D5, edited, Quality)).Version;

        var refused = await Assert.ThrowsAsync<EightDRuleException>(() => Service.SaveSectionAsync(draft.Number, version, EightDSection.D6, edited, Quality));

        Assert.Equal((EightDSection.D6, 1), (refused.Problems.Single().Section, refused.Problems.Single().Row!.Value));
        Assert.Empty((await Service.LoadAsync(draft.Number))!.Content.D6.Steps);
    }

    [Fact]
    public async Task SaveReturnsTheProblemsStillOpen()
    {
        var draft = await DraftAsync();
        var edited = draft.Content.Clone();
        edited.D4.Causes = [new RootCause { Id = 1, ContributionPercent = 70 }];

        var result = await Service.SaveSectionAsync(draft.Number, draft.Version, EightDSection.D4, edited, Quality);

        Assert.Equal(EightDSection.D4, Assert.Single(result.Problems).Section);
    }

    [Fact]
    public async Task StaffCannotEditAnEightD()
    {
        var draft = await DraftAsync();

        var refused = await Assert.ThrowsAsync<EightDRuleException>(() =>
            Service.SaveSectionAsync(draft.Number, draft.Version, EightDSection.D2, draft.Content, Staff));

        Assert.Contains("QualityEngineer or Manager", refused.Message);
    }

    [Fact]
    public async Task NumbersAreSequentialPerYearAndUniqueWhenCreatedAtOnce()
    {
        await Database.AddAsync(Enumerable.Range(1, 6).Select(i => (object)new ComplaintBuilder().No($"TS-{i}").Build()).ToArray());

        var first = await Service.CreateFromComplaintAsync("TS-1", Quality.Name);
        var rest = await Task.WhenAll(Enumerable.Range(2, 5).Select(i => Task.Run(() => Service.CreateFromComplaintAsync($"TS-{i}", Quality.Name))));

        Assert.Equal("8D-2026-0001", first.Number);
        Assert.Equal(["8D-2026-0002", "8D-2026-0003", "8D-2026-0004", "8D-2026-0005", "8D-2026-0006"], rest.Select(d => d.Number).Order());
    }

    [Fact]
    public async Task ListsEightDsWithStatusAgeOwnerAndLinkedComplaints()
    {
        var draft = await DraftAsync("TS-L");

        var row = Assert.Single(await Service.ListAsync());

        Assert.Equal((draft.Number, EightDStatus.Draft, "李静", 0), (row.Number, row.Status, row.Owner, row.AgeDays));
        Assert.Equal(["TS-L"], row.ComplaintNos);
        Assert.Empty(await Service.ListAsync(EightDStatus.Closed));
        Assert.Equal(draft.Number, (await Service.FindByComplaintAsync("TS-L"))!.Number);
        Assert.Null(await Service.FindByComplaintAsync("TS-OTHER"));
    }

    [Fact]
    public async Task EditingTheHeaderRenamesAndReassignsTheReport()
    {
        var draft = await DraftAsync();
        var edited = draft.Content.Clone();
        edited.Header.Title = "测报灯离线 8D";
        edited.Header.Owner = "qe.zhou";

        await Service.SaveSectionAsync(draft.Number, draft.Version, EightDSection.Header, edited, Quality);

        var row = Assert.Single(await Service.ListAsync());
        Assert.Equal(("测报灯离线 8D", "周明"), (row.Title, row.Owner));
        var stored = (await Service.LoadAsync(draft.Number))!;
        Assert.Equal(("周明", "李静"), (stored.Content.Header.Owner, stored.Author));
    }

    [Fact]
    public async Task RefusesAnOwnerWhoIsNoUserOfTheApp()
    {
        var draft = await DraftAsync();
        var edited = draft.Content.Clone();
        edited.Header.Owner = "张三";

        var refused = await Assert.ThrowsAsync<EightDRuleException>(() => Service.SaveSectionAsync(draft.Number, draft.Version, EightDSection.Header, edited, Quality));

        Assert.Equal("the owner '张三' is not a user of the app", Assert.Single(refused.Problems).Message.English);
    }

    [Fact]
    public async Task SettingTheOriginInTheHeaderImpliesNoResponsibleParty()
    {
        var draft = await DraftAsync();
        var edited = draft.Content.Clone();
        edited.Header.Origin = Origin.Imported;

        await Service.SaveSectionAsync(draft.Number, draft.Version, EightDSection.Header, edited, Quality);

        var header = (await Service.LoadAsync(draft.Number))!.Content.Header;
        Assert.Equal(Origin.Imported, header.Origin);
        Assert.Empty(header.Responsible);
        Assert.Contains(await Service.HistoryAsync(draft.Number), h => (h.Field, h.NewValue, h.UserName) == ("Origin", "Imported", "李静"));
    }

    [Fact]
    public async Task AttachesACaseStudyOnlyToAClassThreeComplaint()
    {
        await Database.AddAsync(new ComplaintBuilder().No("TS-MEDIA").With(c => c.Media = true).Build());
        var media = await Service.CreateFromComplaintAsync("TS-MEDIA", Quality.Name);
        Assert.Equal(3, media.Content.Header.ComplaintClass);

        await Service.AttachCaseStudyAsync(media.Number, media.Version, "案例：媒体曝光后的处理经过", Quality);
        Assert.Equal("案例：媒体曝光后的处理经过", (await Service.LoadAsync(media.Number))!.Content.CaseStudy);

        var plain = await DraftAsync("TS-PLAIN");
        var refused = await Assert.ThrowsAsync<EightDRuleException>(() => Service.AttachCaseStudyAsync(plain.Number, plain.Version, "案例", Quality));
        Assert.Contains("class-3", refused.Message);
    }
}
