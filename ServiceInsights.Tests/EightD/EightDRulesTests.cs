using ServiceInsights.Data.EightD;

namespace ServiceInsights.Tests.EightD;

public class EightDRulesTests
{
    private static EightDContent WithCauses(params (CauseKind Kind, int? Percent)[] causes) => new()
    {
        D4 = new D4RootCauses
        {
            Causes = causes.Select((c, i) => new RootCause { Id = i + 1, Kind = c.Kind, Description = $"原因 {i + 1}", ContributionPercent = c.Percent }).ToList(),
        },
    };

    [Fact]
    public void AcceptsContributionsThatTotalOneHundredPercent() =>
        Assert.Empty(EightDRules.Check(WithCauses((CauseKind.Occurrence, 60), (CauseKind.Occurrence, 40))));

    [Fact]
    public void NamesD4WhenContributionsDoNotTotalOneHundredPercent()
    {
        var problem = Assert.Single(EightDRules.Check(WithCauses((CauseKind.Occurrence, 60), (CauseKind.Occurrence, 30))));

        Assert.Equal(EightDSection.D4, problem.Section);
        Assert.Equal("D4: the contributions of the occurrence causes total 90 %, not 100 %", problem.Message.English);
        Assert.Equal("D4：发生原因的贡献率合计为 90%，应为 100%", problem.Message.Chinese);
    }

    [Fact]
    public void TotalsOccurrenceAndEscapeCausesApart()
    {
        var problem = Assert.Single(EightDRules.Check(WithCauses((CauseKind.Occurrence, 100), (CauseKind.Escape, 50))));

        Assert.Contains("escape (non-detection) causes total 50 %", problem.Message.English);
    }

    [Fact]
    public void NamesTheD5RowWhoseActionLinksToNoCause()
    {
        var content = WithCauses((CauseKind.Occurrence, 100));
        content.D5.Actions = [new PermanentAction { Id = 1, CauseId = 1 }, new PermanentAction { Id = 2 }, new PermanentAction { Id = 3, CauseId = 7 }];

        var problems = EightDRules.Check(content);

        Assert.Equal([(EightDSection.D5, 2), (EightDSection.D5, 3)], problems.Select(p => (p.Section, p.Row!.Value)));
        Assert.Equal("D5 row 2: the action is not linked to a D4 cause", problems[0].Message.English);
        Assert.Equal("D5 row 3: the linked D4 cause #7 does not exist", problems[1].Message.English);
    }

    [Fact]
    public void D6StepCannotBeValidatedBeforeItsD5ActionIsVerified()
    {
        var content = WithCauses((CauseKind.Occurrence, 100));
        content.D5.Actions = [new PermanentAction { Id = 1, CauseId = 1 }];
        content.D6.Steps = [new ImplementationStep { ActionId = 1, ValidatedOn = new DateOnly(2026, 11, 20) }];

        var problem = Assert.Single(EightDRules.Check(content));
        Assert.Equal((EightDSection.D6, 1), (problem.Section, problem.Row!.Value));
        Assert.Equal("D6 row 1: cannot be validated before D5 action #1 is verified", problem.Message.English);

        content.D5.Actions[0].VerifiedOn = new DateOnly(2026, 11, 18);
        Assert.Empty(EightDRules.Check(content));
    }

    [Fact]
    public void ClosingNeedsTheD8SummaryAndDate()
    {
        var content = new EightDContent();
        Assert.Equal(["D8: closing needs a closure summary", "D8: closing needs the closing date"],
            EightDRules.CheckClosure(content).Select(p => p.Message.English));

        content.D8 = new D8Closure { Summary = "问题已解决，团队表彰", ClosedOn = new DateOnly(2026, 11, 28) };
        Assert.Empty(EightDRules.CheckClosure(content));
    }
}
