using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.Users;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.FollowUps;

/// <summary>Which records open a follow-up item, with which key, due date and owner; as-of 2026-11-28 00:00 (Shanghai).</summary>
public sealed class FollowUpDerivationTests
{
    private static readonly DateTime AsOf = TestClock.Utc("2026-11-28 00:00");

    private static DateTime? At(string? local) => local is null ? null : TestClock.Utc(local);

    [Theory]
    // promised,           closed,             expected sources
    [InlineData("2026-11-27 17:00", null, "OverdueComplaint")]
    [InlineData("2026-11-28 00:00", null, "")] // due at the as-of minute: not past it yet
    [InlineData("2026-11-30 17:00", null, "")] // promise not yet due
    [InlineData(null, null, "")] // no promise: no record states a time it passed
    [InlineData("2026-11-20 17:00", "2026-11-19 10:00", "ComplaintCapa")] // closed within the promise
    [InlineData("2026-11-20 17:00", "2026-11-25 10:00", "OverdueComplaint,ComplaintCapa")] // closed late: it was overdue, and has a CAPA
    [InlineData(null, "2026-11-25 10:00", "ComplaintCapa")]
    [InlineData(null, "2026-11-29 10:00", "")] // closed after the as-of: not known yet
    public void AComplaintOpensAnOverdueItemPastItsPromiseAndACapaItemOnceClosed(string? promised, string? closed, string expected)
    {
        var facts = new ComplaintFollowUpFacts("TS-1", "山东农科", At(promised), At(closed), "更换灯管", "李工", "王芳");

        var items = FollowUpDerivation.FromComplaint(facts, AsOf).ToList();

        Assert.Equal(expected, string.Join(",", items.Select(i => i.Source)));
        Assert.All(items, i => Assert.Equal(["李工", "王芳"], i.OwnerCandidates));
        if (items.SingleOrDefault(i => i.Source == FollowUpSource.OverdueComplaint) is { } overdue)
        {
            Assert.Equal(("OVERDUE:TS-1", At(promised)), (overdue.DerivedKey, overdue.PromisedBy));
        }

        if (items.SingleOrDefault(i => i.Source == FollowUpSource.ComplaintCapa) is { } capa)
        {
            Assert.Equal(("CAPA:TS-1", "更换灯管", At(closed)!.Value, (DateTime?)null), (capa.DerivedKey, capa.Action, capa.OpenedAt, capa.PromisedBy));
        }
    }

    [Theory]
    [InlineData(true, 2, null, true)] // unsatisfied (≤ 2)
    [InlineData(true, 1, true, true)]
    [InlineData(true, 3, null, false)] // neutral is not unsatisfied
    [InlineData(true, 5, false, true)] // satisfied, but the problem is not solved
    [InlineData(true, null, null, false)]
    [InlineData(false, 1, false, false)] // not reached: the answers are not the customer's (the worklist calls again)
    public void ACallbackThatReachedAnUnsatisfiedCustomerOrLeftTheProblemUnsolvedOpensAnItem(bool reached, int? satisfaction, bool? solved, bool opens)
    {
        var facts = new CallbackFollowUpFacts("HF-1", "山东农科", TestClock.Utc("2026-11-20 10:00"), reached, satisfaction, solved, "王芳");

        var item = FollowUpDerivation.FromCallback(facts, AsOf);

        Assert.Equal(opens, item is not null);
        if (item is not null)
        {
            Assert.Equal(("CALLBACK:HF-1", FollowUpSource.UnsatisfiedCallback, "HF-1"), (item.DerivedKey, item.Source, item.RecordKey));
        }
    }

    [Fact]
    public void ACallbackAfterTheAsOfOpensNothingYet() =>
        Assert.Null(FollowUpDerivation.FromCallback(new CallbackFollowUpFacts("HF-2", null, TestClock.Utc("2026-11-28 09:00"), true, 1, false, null), AsOf));

    [Fact]
    public void TheOwnerIsTheFirstNameThatIsExactlyOneUser()
    {
        var users = new AppUserRow[] { new("u1", "王芳", ["Staff"], null), new("u2", "李强", ["Staff"], null), new("u3", "李强", ["Manager"], null) };
        DerivedFollowUp Item(params string[] names) =>
            new(FollowUpSource.ComplaintCapa, "CAPA:X", Data.Import.RecordKind.Complaints, "X", null, AsOf, null, null, names);

        Assert.Equal("u1", FollowUpDerivation.MatchOwner(Item("李工", "王芳"), users)?.Id);
        // Two users are called 李强: the record does not say which, so nobody is guessed; the next name decides.
        Assert.Equal("u1", FollowUpDerivation.MatchOwner(Item("李强", "王芳"), users)?.Id);
        Assert.Null(FollowUpDerivation.MatchOwner(Item("李强"), users));
        Assert.Null(FollowUpDerivation.MatchOwner(Item(), users));
    }
}
