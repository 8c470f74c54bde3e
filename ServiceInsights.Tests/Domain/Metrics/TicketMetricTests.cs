using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;
using static ServiceInsights.Tests.Domain.Metrics.MetricFacts;

namespace ServiceInsights.Tests.Domain.Metrics;

public class TicketMetricTests
{
    [Theory]
    [InlineData("2026-03-05 09:00", "2026-03-05 10:00", null, false, "2026-03-06 09:00", Verdict.Met)] // exactly 60
    [InlineData("2026-03-05 09:00", "2026-03-05 10:01", null, false, "2026-03-06 09:00", Verdict.Missed)] // 61
    [InlineData("2026-03-05 09:00", "2026-03-05 09:30", null, true, "2026-03-06 09:00", Verdict.Met)] // VIP 30
    [InlineData("2026-03-05 09:00", "2026-03-05 09:31", null, true, "2026-03-06 09:00", Verdict.Missed)] // VIP 31
    [InlineData("2026-03-05 11:30", "2026-03-05 13:30", null, false, "2026-03-06 09:00", Verdict.Met)] // the lunch break does not count
    [InlineData("2026-10-09 17:00", "2026-10-10 09:00", null, false, "2026-10-12 09:00", Verdict.Met)] // into the make-up Saturday
    [InlineData("2026-10-09 17:00", "2026-10-12 08:40", null, false, "2026-10-12 09:00", Verdict.Missed)] // ignoring the make-up day would pass
    [InlineData("2026-03-05 09:00", null, "2026-03-05 09:20", false, "2026-03-06 09:00", Verdict.Met)] // answered at once: the satisfactory reply counts
    [InlineData("2026-03-05 09:00", null, null, false, "2026-03-05 10:00", Verdict.Pending)] // deadline not passed
    [InlineData("2026-03-05 09:00", null, null, false, "2026-03-05 10:01", Verdict.Missed)] // missing once the deadline passed
    public void JudgesTheFirstResponseInBusinessMinutes(string received, string? first, string? satisfactory, bool vip, string asOf, Verdict expected)
    {
        var ticket = Ticket(received) with { FirstResponseAt = AtOrNull(first), SatisfactoryReplyAt = AtOrNull(satisfactory), Vip = vip };
        Assert.Equal(expected, new Cs3aFirstResponse().Evaluate(ticket, AsOf(asOf)).Verdict);
    }

    [Fact]
    public void SaysWhyAFirstResponseWasLateInBothLanguages()
    {
        var reason = new Cs3aFirstResponse().Evaluate(Ticket("2026-03-05 09:00") with { FirstResponseAt = At("2026-03-05 10:15") }, AsOf("2026-03-06 09:00")).Reason;
        Assert.Equal("first response after 75 business minutes; target 60", reason.English);
        Assert.Equal("首次响应用时 75 个工作分钟，目标 60", reason.Chinese);
    }

    [Theory]
    [InlineData("2026-03-05 08:30", "2026-03-05 17:30", false, Verdict.Met)] // 480
    [InlineData("2026-03-05 08:30", "2026-03-06 08:31", false, Verdict.Missed)] // 481
    [InlineData("2026-03-05 08:30", "2026-03-05 13:30", true, Verdict.Met)] // VIP 240
    [InlineData("2026-03-05 08:30", "2026-03-05 13:31", true, Verdict.Missed)] // VIP 241
    [InlineData("2026-03-05 08:30", null, false, Verdict.Missed)]
    public void JudgesTheSatisfactoryReplyWithVipTargets(string received, string? reply, bool vip, Verdict expected)
    {
        var ticket = Ticket(received) with { SatisfactoryReplyAt = AtOrNull(reply), Vip = vip };
        Assert.Equal(expected, new Cs3bSatisfactoryReply().Evaluate(ticket, AsOf("2026-03-10 09:00")).Verdict);
    }

    [Theory]
    [InlineData("2026-03-05 09:15", null, "2026-03-06 09:00", Verdict.NotEligible)] // replied within 15 min
    [InlineData("2026-03-05 09:16", "2026-03-06 12:00", "2026-03-06 09:00", Verdict.Met)]
    [InlineData("2026-03-05 09:16", null, "2026-03-06 09:00", Verdict.Missed)]
    [InlineData(null, null, "2026-03-05 09:10", Verdict.Pending)] // received 10 min ago
    [InlineData(null, null, "2026-03-05 09:16", Verdict.Missed)]
    public void AsksForATimeCommitmentWhenTheReplyIsNotImmediate(string? reply, string? promised, string asOf, Verdict expected)
    {
        var ticket = Ticket("2026-03-05 09:00") with { SatisfactoryReplyAt = AtOrNull(reply), PromisedBy = AtOrNull(promised) };
        Assert.Equal(expected, new Cs3cTimeCommitment().Evaluate(ticket, AsOf(asOf)).Verdict);
    }

    [Theory]
    [InlineData(CallbackMethod.Phone, "2026-10-16 16:20", "2026-11-27 00:00", Verdict.Met)] // exactly t + 7×24 h
    [InlineData(CallbackMethod.Phone, "2026-10-16 16:21", "2026-11-27 00:00", Verdict.Missed)] // one minute later
    [InlineData(CallbackMethod.Phone, "2026-10-09 16:20", "2026-11-27 00:00", Verdict.Met)] // at resolution
    [InlineData(CallbackMethod.Phone, "2026-10-09 16:19", "2026-11-27 00:00", Verdict.Missed)] // before resolution
    [InlineData(CallbackMethod.SmsWeekly, "2026-10-12 10:00", "2026-11-27 00:00", Verdict.Missed)] // an SMS is not a phone call
    [InlineData(null, null, "2026-10-16 16:20", Verdict.Pending)] // window still open
    public void WantsAPhoneCallbackWithinSevenDaysOfResolution(CallbackMethod? method, string? at, string asOf, Verdict expected)
    {
        var ticket = Ticket("2026-10-09 09:00") with
        {
            ResolvedAt = At("2026-10-09 16:20"),
            Callbacks = method is { } m ? [new LinkedCallback("HF-1", At(at!), m, true)] : [],
        };
        Assert.Equal(expected, new Cs3dPhoneFollowUp().Evaluate(ticket, AsOf(asOf)).Verdict);
    }

    [Theory]
    [InlineData(ServiceType.Quote, Verdict.NotEligible)] // Rulings: a quote has no product use to ask about
    [InlineData(ServiceType.Consult, Verdict.Missed)]
    [InlineData(null, Verdict.Missed)]
    public void LeavesQuoteTicketsOutOfThePhoneFollowUp(ServiceType? type, Verdict expected)
    {
        var ticket = Ticket("2026-10-09 09:00") with { ResolvedAt = At("2026-10-09 16:20"), ServiceType = type };
        var verdict = new Cs3dPhoneFollowUp().Evaluate(ticket, AsOf("2026-11-27 00:00"));
        Assert.Equal(expected, verdict.Verdict);
        if (expected == Verdict.NotEligible)
        {
            Assert.Equal(("报价工单，无产品使用情况可回访", "quote ticket: no product use to ask about"), (verdict.Reason.Chinese, verdict.Reason.English));
        }
    }

    [Theory]
    [InlineData("2026-11-27 00:00", Verdict.Missed, "解决（2026-10-09 16:20）后 7 天内无接通的电话回访（仅未接通 2 次）",
        "no answered phone callback within 7 days of resolution on 2026-10-09 16:20 (only unreached ×2)")]
    [InlineData("2026-10-12 09:00", Verdict.Pending, "解决于 2026-10-09 16:20，2026-10-16 16:20 前需电话回访（仅未接通 2 次）",
        "resolved on 2026-10-09 16:20; phone callback due by 2026-10-16 16:20 (only unreached ×2)")]
    public void NeverCountsAnUnreachedPhoneCallbackAndSaysSo(string asOf, Verdict expected, string chinese, string english)
    {
        var ticket = Ticket("2026-10-09 09:00") with
        {
            ResolvedAt = At("2026-10-09 16:20"),
            Callbacks =
            [
                new LinkedCallback("HF-1", At("2026-10-10 10:00"), CallbackMethod.Phone, false),
                new LinkedCallback("HF-2", At("2026-10-11 15:00"), CallbackMethod.Phone, false),
                new LinkedCallback("HF-3", At("2026-10-11 16:00"), CallbackMethod.SmsWeekly, true), // not a phone call: not counted either way
            ],
        };

        var verdict = new Cs3dPhoneFollowUp().Evaluate(ticket, AsOf(asOf));

        Assert.Equal(expected, verdict.Verdict);
        Assert.Equal((chinese, english), (verdict.Reason.Chinese, verdict.Reason.English));
    }

    [Fact]
    public void MeetsThePhoneFollowUpWithTheReachedCallAfterUnreachedOnes()
    {
        var ticket = Ticket("2026-10-09 09:00") with
        {
            ResolvedAt = At("2026-10-09 16:20"),
            Callbacks =
            [
                new LinkedCallback("HF-1", At("2026-10-10 10:00"), CallbackMethod.Phone, false),
                new LinkedCallback("HF-2", At("2026-10-12 15:00"), CallbackMethod.Phone, true),
            ],
        };

        var verdict = new Cs3dPhoneFollowUp().Evaluate(ticket, AsOf("2026-11-27 00:00"));

        Assert.Equal(Verdict.Met, verdict.Verdict);
        Assert.Contains("HF-2", verdict.Reason.English);
    }

    [Fact]
    public void SaysWhichResolutionAMissingPhoneCallbackFollows()
    {
        var reason = new Cs3dPhoneFollowUp().Evaluate(Ticket("2026-10-09 09:00") with { ResolvedAt = At("2026-10-09 16:20") }, AsOf("2026-11-27 00:00")).Reason;
        Assert.Equal("no phone callback within 7 days of resolution on 2026-10-09 16:20", reason.English);
    }

    [Theory]
    [InlineData(null, "虫情测报灯", CallbackMethod.Phone, "2026-11-09 16:20", Verdict.NotEligible)] // not resolved
    [InlineData("2026-10-09 16:20", "虫情测报灯", CallbackMethod.Phone, "2026-11-09 16:20", Verdict.Met)] // day 31
    [InlineData("2026-10-09 16:20", "虫情测报灯", CallbackMethod.Phone, "2026-11-09 16:21", Verdict.Missed)]
    [InlineData("2026-10-09 16:20", "人工气候箱", CallbackMethod.Phone, "2026-10-12 10:00", Verdict.NotEligible)] // not a key product
    [InlineData("2026-10-09 16:20", "光照培养箱", CallbackMethod.SmsMonthly, "2026-10-12 10:00", Verdict.Missed)]
    [InlineData("2026-10-09 16:20", "虫情测报灯", CallbackMethod.Phone, "2026-10-12 10:00", Verdict.Missed, false)] // not reached: never met
    public void WantsAKeyProductPhoneCallbackWithin31Days(string? resolved, string product, CallbackMethod method, string at, Verdict expected,
        bool reached = true)
    {
        var ticket = Ticket("2026-10-09 09:00") with
        {
            ResolvedAt = AtOrNull(resolved), ProductName = product, Callbacks = [new LinkedCallback("HF-1", At(at), method, reached)],
        };
        Assert.Equal(expected, new Cs7bKeyProductPhoneCallback().Evaluate(ticket, AsOf("2026-11-27 00:00")).Verdict);
    }

    [Theory]
    [InlineData(CallbackMethod.SmsWeekly, "2026-10-12 10:00", Verdict.Met)]
    [InlineData(CallbackMethod.SmsMonthly, "2026-11-09 16:20", Verdict.Met)]
    [InlineData(CallbackMethod.SmsMonthly, "2026-11-09 16:21", Verdict.Missed)]
    [InlineData(CallbackMethod.Phone, "2026-10-12 10:00", Verdict.Missed)]
    [InlineData(CallbackMethod.SmsWeekly, "2026-10-12 10:00", Verdict.Met, false)] // the ruling on unreached calls is about phone calls
    public void WantsAnSmsCallbackWithin31Days(CallbackMethod method, string at, Verdict expected, bool reached = true)
    {
        var ticket = Ticket("2026-10-09 09:00") with { ResolvedAt = At("2026-10-09 16:20"), Callbacks = [new LinkedCallback("HF-1", At(at), method, reached)] };
        Assert.Equal(expected, new Cs7aSmsCallback().Evaluate(ticket, AsOf("2026-11-27 00:00")).Verdict);
    }

    [Theory]
    [InlineData("2026-03-05 09:05", Verdict.Met)]
    [InlineData(null, Verdict.Missed)]
    public void WantsAnSmsConfirmation(string? sms, Verdict expected) =>
        Assert.Equal(expected, new Cs1aSmsConfirmation().Evaluate(Ticket() with { SmsConfirmedAt = AtOrNull(sms) }, AsOf("2026-03-06 09:00")).Verdict);

    [Theory]
    [InlineData("更换电源模块", "客户满意", Verdict.Met)]
    [InlineData("这个不归我管", null, Verdict.Missed)]
    [InlineData("更换电源模块", "客户问价格，答：不清楚", Verdict.Missed)]
    public void FindsForbiddenPhrasesInSolutionAndNotes(string solution, string? notes, Verdict expected)
    {
        var hits = ForbiddenPhraseHit.Find(solution, notes, SlaSettings.Defaults.ForbiddenPhrases);
        Assert.Equal(expected, new Cs1bForbiddenPhrases().Evaluate(Ticket() with { ForbiddenPhraseHits = hits }, AsOf("2026-03-06 09:00")).Verdict);
    }

    [Fact]
    public void NamesEveryForbiddenPhraseAndWhereItWasFound()
    {
        var hits = ForbiddenPhraseHit.Find("这个不归我管", "我不知道，不清楚", SlaSettings.Defaults.ForbiddenPhrases);

        var verdict = new Cs1bForbiddenPhrases().Evaluate(Ticket() with { ForbiddenPhraseHits = hits }, AsOf("2026-03-06 09:00"));

        Assert.Equal(
            "notes contains the forbidden phrase \"我不知道\"; notes contains the forbidden phrase \"不清楚\"; solution contains the forbidden phrase \"这个不归我管\"",
            verdict.Reason.English);
        Assert.Equal("备注含禁忌语“我不知道”；备注含禁忌语“不清楚”；解决方案含禁忌语“这个不归我管”", verdict.Reason.Chinese);
    }

    [Fact]
    public void ListsTheMissingRequiredFields()
    {
        Assert.Equal(Verdict.Met, new Cs2RequiredFields().Evaluate(Ticket(), AsOf("2026-03-06 09:00")).Verdict);
        var missing = new Cs2RequiredFields().Evaluate(Ticket() with { MissingFields = RequiredTicketFields.PurchaseDate | RequiredTicketFields.Address },
            AsOf("2026-03-06 09:00"));
        Assert.Equal((Verdict.Missed, "missing: address, purchase date"), (missing.Verdict, missing.Reason.English));
        Assert.Equal("缺少：地址、购买时间", missing.Reason.Chinese);
    }
}
