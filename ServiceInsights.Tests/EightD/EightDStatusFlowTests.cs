using ServiceInsights.Data.Domain;
using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Tests.EightD;

public class EightDStatusFlowTests : EightDTestBase
{
    /// <summary>A draft by <see cref="EightDTestBase.Quality"/> whose D4–D6 pass every rule; returns its number and version.</summary>
    private async Task<(string Number, int Version)> CompleteDraftAsync()
    {
        var draft = await DraftAsync();
        return (draft.Number, await SaveCausesAndActionsAsync(draft.Number, draft.Version, Complete(draft.Content), Quality));
    }

    [Theory]
    [InlineData(EightDStatus.Draft, EightDStatus.InReview, AppRoles.QualityEngineer, true)]
    [InlineData(EightDStatus.Draft, EightDStatus.InReview, AppRoles.Manager, true)]
    [InlineData(EightDStatus.Draft, EightDStatus.InReview, AppRoles.Staff, false)]
    [InlineData(EightDStatus.Draft, EightDStatus.InReview, AppRoles.Admin, false)]
    [InlineData(EightDStatus.Draft, EightDStatus.Approved, AppRoles.Manager, false)]
    [InlineData(EightDStatus.InReview, EightDStatus.Draft, AppRoles.QualityEngineer, true)]
    [InlineData(EightDStatus.InReview, EightDStatus.Approved, AppRoles.Staff, false)]
    [InlineData(EightDStatus.InReview, EightDStatus.Approved, AppRoles.Admin, false)]
    [InlineData(EightDStatus.InReview, EightDStatus.Approved, AppRoles.Manager, true)]
    [InlineData(EightDStatus.Approved, EightDStatus.Closed, AppRoles.QualityEngineer, true)]
    [InlineData(EightDStatus.Approved, EightDStatus.Draft, AppRoles.Manager, false)]
    [InlineData(EightDStatus.Closed, EightDStatus.Draft, AppRoles.Manager, false)]
    public void AllowsEachStepOnlyToItsRoles(EightDStatus from, EightDStatus to, string role, bool allowed) =>
        Assert.Equal(allowed, EightDStatusFlow.Refusal(from, to, "owner", new EightDActor("someone", [role])) is null);

    [Fact]
    public async Task WalksDraftReviewApprovedClosedWithAHistoryEntryPerStep()
    {
        var (number, version) = await CompleteDraftAsync();

        version = await Service.ChangeStatusAsync(number, version, EightDStatus.InReview, Quality);
        version = await Service.ChangeStatusAsync(number, version, EightDStatus.Approved, OtherQuality);
        var loaded = (await Service.LoadAsync(number))!;
        var closing = loaded.Content.Clone();
        closing.D8 = new D8Closure { Summary = "措施有效，结案", Recognition = "感谢团队", ClosedOn = new DateOnly(2026, 11, 28) };
        version = (await Service.SaveSectionAsync(number, version, EightDSection.D8, closing, Quality)).Version;
        await Service.ChangeStatusAsync(number, version, EightDStatus.Closed, Manager);

        Assert.Equal(EightDStatus.Closed, (await Service.LoadAsync(number))!.Status);
        Assert.Equal(
            [("李静", "Draft", "InReview"), ("周明", "InReview", "Approved"), ("王磊", "Approved", "Closed")],
            (await Service.HistoryAsync(number)).Where(h => h.Section == "Status").Reverse().Select(h => (h.UserName, h.OldValue!, h.NewValue!)));
    }

    [Fact]
    public async Task ReviewCanSendTheReportBackToDraft()
    {
        var (number, version) = await CompleteDraftAsync();
        version = await Service.ChangeStatusAsync(number, version, EightDStatus.InReview, Quality);

        await Service.ChangeStatusAsync(number, version, EightDStatus.Draft, Manager);

        Assert.Equal(EightDStatus.Draft, (await Service.LoadAsync(number))!.Status);
    }

    [Fact]
    public async Task ReviewIsRefusedWhileARuleIsBroken()
    {
        var draft = await DraftAsync();
        var edited = draft.Content.Clone();
        edited.D4.Causes = [new RootCause { Id = 1, ContributionPercent = 80 }];
        edited.D5.Actions = [new PermanentAction { Id = 1 }];
        var version = (await Service.SaveSectionAsync(draft.Number, draft.Version, EightDSection.D4, edited, Quality)).Version;
        version = (await Service.SaveSectionAsync(draft.Number, version, EightDSection.D5, edited, Quality)).Version;

        var refused = await Assert.ThrowsAsync<EightDRuleException>(() => Service.ChangeStatusAsync(draft.Number, version, EightDStatus.InReview, Quality));

        Assert.Equal([EightDSection.D4, EightDSection.D5], refused.Problems.Select(p => p.Section));
        Assert.Equal(EightDStatus.Draft, (await Service.LoadAsync(draft.Number))!.Status);
    }

    [Fact]
    public async Task TheOwnerCannotApproveTheirOwnReportButAnotherQualityEngineerOrAManagerCan()
    {
        var (number, version) = await CompleteDraftAsync();
        version = await Service.ChangeStatusAsync(number, version, EightDStatus.InReview, Quality);

        var own = await Assert.ThrowsAsync<EightDRuleException>(() => Service.ChangeStatusAsync(number, version, EightDStatus.Approved, Quality));
        Assert.Contains("cannot approve their own", own.Message);
        var staff = await Assert.ThrowsAsync<EightDRuleException>(() => Service.ChangeStatusAsync(number, version, EightDStatus.Approved, Staff));
        Assert.Equal("only a QualityEngineer or Manager may approve an 8D", staff.Problems.Single().Message.English);

        await Service.ChangeStatusAsync(number, version, EightDStatus.Approved, new EightDActor("qe.li", [AppRoles.Manager]));
        Assert.Equal(EightDStatus.Approved, (await Service.LoadAsync(number))!.Status);
    }

    [Fact]
    public async Task ClosingNeedsD8()
    {
        var (number, version) = await CompleteDraftAsync();
        version = await Service.ChangeStatusAsync(number, version, EightDStatus.InReview, Quality);
        version = await Service.ChangeStatusAsync(number, version, EightDStatus.Approved, Manager);

        var refused = await Assert.ThrowsAsync<EightDRuleException>(() => Service.ChangeStatusAsync(number, version, EightDStatus.Closed, Manager));

        Assert.All(refused.Problems, p => Assert.Equal(EightDSection.D8, p.Section));
        Assert.Equal(EightDStatus.Approved, (await Service.LoadAsync(number))!.Status);
    }

    [Fact]
    public async Task AnApprovedReportTakesOnlyTheClosureAndAClosedOneNothing()
    {
        var (number, version) = await CompleteDraftAsync();
        version = await Service.ChangeStatusAsync(number, version, EightDStatus.InReview, Quality);
        version = await Service.ChangeStatusAsync(number, version, EightDStatus.Approved, Manager);
        var edited = (await Service.LoadAsync(number))!.Content.Clone();
        edited.D2.ProblemStatement = "changed after approval";

        await Assert.ThrowsAsync<EightDRuleException>(() => Service.SaveSectionAsync(number, version, EightDSection.D2, edited, Manager));
    }
}
