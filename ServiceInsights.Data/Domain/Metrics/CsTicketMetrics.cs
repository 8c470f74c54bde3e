using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Domain.Metrics;

/// <summary>CS-1a — dictionary row: all tickets; met when "SMS confirmed at" is present.</summary>
public sealed class Cs1aSmsConfirmation : MetricDefinition<TicketFacts>
{
    public override string Id => "CS-1a";
    public override MetricGroup Group => MetricGroup.CS;
    public override BilingualText Target(SlaSettings settings) => new("每张工单有短信确认", "every ticket has an SMS confirmation");

    // The fixed verdicts of the high-volume rules are made once: a month's run judges every ticket under each of them.
    private static readonly Evaluation NoSms = Evaluation.Missed("无短信确认时间", "no SMS confirmation recorded");

    public override Evaluation Evaluate(in TicketFacts t, MetricContext c) =>
        t.SmsConfirmedAt is { } sms
            ? Evaluation.Of(Verdict.Met, sms, static (zh, at) => zh ? $"已于 {Words.Time(at)} 发送确认短信" : $"SMS confirmation sent on {Words.Time(at)}")
            : NoSms;
}

/// <summary>CS-1b — dictionary row: all tickets; met when solution and notes contain none of the forbidden phrases (setting).</summary>
public sealed class Cs1bForbiddenPhrases : MetricDefinition<TicketFacts>
{
    public override string Id => "CS-1b";
    public override MetricGroup Group => MetricGroup.CS;
    public override BilingualText Target(SlaSettings settings) =>
        new($"解决方案与备注不含禁忌语（{string.Join("、", settings.ForbiddenPhrases)}）",
            $"solution and notes contain none of the forbidden phrases ({string.Join(", ", settings.ForbiddenPhrases)})");

    private static readonly Evaluation NoPhrase = Evaluation.Met("未出现禁忌语", "no forbidden phrase");

    /// <remarks>The loader finds the phrases (<see cref="ForbiddenPhraseHit.Find"/> on the few tickets the database reports
    /// a phrase in), so the month's long texts are never read into memory.</remarks>
    public override Evaluation Evaluate(in TicketFacts t, MetricContext c)
    {
        var hits = t.ForbiddenPhraseHits;
        return hits.Count == 0
            ? NoPhrase
            : Evaluation.Missed(
                string.Join("；", hits.Select(h => $"{(h.Field == TicketTextField.Solution ? "解决方案" : "备注")}含禁忌语“{h.Phrase}”")),
                string.Join("; ", hits.Select(h => $"{(h.Field == TicketTextField.Solution ? "solution" : "notes")} contains the forbidden phrase \"{h.Phrase}\"")));
    }
}

/// <summary>CS-2 — dictionary row: all tickets; met when customer, address, contact, phone, product name, model, serial no.,
/// purchase date, problem and solution are all non-empty.</summary>
public sealed class Cs2RequiredFields : MetricDefinition<TicketFacts>
{
    public override string Id => "CS-2";
    public override MetricGroup Group => MetricGroup.CS;
    public override BilingualText Target(SlaSettings settings) => new("工单必填项齐全", "all required ticket fields recorded");

    private static readonly (RequiredTicketFields Field, string Chinese, string English)[] Fields =
    [
        (RequiredTicketFields.Customer, "客户单位", "customer"),
        (RequiredTicketFields.Address, "地址", "address"),
        (RequiredTicketFields.Contact, "联系人", "contact"),
        (RequiredTicketFields.Phone, "联系电话", "phone"),
        (RequiredTicketFields.ProductName, "产品名称", "product name"),
        (RequiredTicketFields.Model, "型号", "model"),
        (RequiredTicketFields.SerialNo, "出厂编号", "serial no."),
        (RequiredTicketFields.PurchaseDate, "购买时间", "purchase date"),
        (RequiredTicketFields.Problem, "问题描述", "problem"),
        (RequiredTicketFields.Solution, "解决方案", "solution"),
    ];

    private static readonly Evaluation AllRecorded = Evaluation.Met("必填项齐全", "all required fields recorded");

    /// <remarks>The loader computes the blank fields in SQL (<see cref="TicketFacts.MissingFields"/>).</remarks>
    public override Evaluation Evaluate(in TicketFacts t, MetricContext c)
    {
        if (t.MissingFields == RequiredTicketFields.None)
        {
            return AllRecorded;
        }

        var blank = t.MissingFields;
        var missing = Fields.Where(f => (blank & f.Field) != 0).ToList();
        return Evaluation.Missed("缺少：" + string.Join("、", missing.Select(m => m.Chinese)),
            "missing: " + string.Join(", ", missing.Select(m => m.English)));
    }
}

/// <summary>Shared shape of CS-3a and CS-3b: business minutes from receipt to a reply against a target (VIP: CS-9's
/// tighter one). A missing reply is pending until the target's business minutes have elapsed at as-of, then missed.</summary>
public abstract class ReplyWithinBusinessMinutes : MetricDefinition<TicketFacts>
{
    public override MetricGroup Group => MetricGroup.CS;

    protected abstract int TargetMinutes(SlaSettings settings, bool vip);

    protected abstract (DateTime? At, string Chinese, string English) Reply(in TicketFacts t, MetricContext c);

    public override BilingualText Target(SlaSettings s) =>
        new($"≤ {TargetMinutes(s, false)} 个工作分钟（VIP ≤ {TargetMinutes(s, true)}）",
            $"≤ {TargetMinutes(s, false)} business minutes (VIP ≤ {TargetMinutes(s, true)})");

    public override Evaluation Evaluate(in TicketFacts t, MetricContext c)
    {
        var target = TargetMinutes(c.Settings, t.Vip);
        var vip = t.Vip;
        var (at, chinese, english) = Reply(in t, c);
        if (at is { } replied)
        {
            var minutes = c.Calendar.BusinessMinutes(t.ReceivedAt, replied);
            return Evaluation.Of(minutes <= target ? Verdict.Met : Verdict.Missed, (minutes, target, vip, chinese, english), static (zh, s) => zh
                ? $"{s.chinese}用时 {Words.Number(s.minutes)} 个工作分钟，目标 {s.target}{(s.vip ? "（VIP）" : "")}"
                : $"{s.english} after {Words.Number(s.minutes)} business minutes; target {s.target}{(s.vip ? " (VIP)" : "")}");
        }

        var elapsed = c.Calendar.BusinessMinutes(t.ReceivedAt, c.AsOf);
        return elapsed <= target
            ? Evaluation.Of(Verdict.Pending, (elapsed, target, vip, chinese, english), static (zh, s) => zh
                ? $"尚无{s.chinese}，已过 {Words.Number(s.elapsed)} 个工作分钟，目标 {s.target}{(s.vip ? "（VIP）" : "")}"
                : $"no {s.english} yet, {Words.Number(s.elapsed)} business minutes elapsed; target {s.target}{(s.vip ? " (VIP)" : "")}")
            : Evaluation.Of(Verdict.Missed, (target, vip, chinese, english), static (zh, s) => zh
                ? $"无{s.chinese}，已超过 {s.target} 个工作分钟{(s.vip ? "（VIP）" : "")}"
                : $"no {s.english} within {s.target} business minutes{(s.vip ? " (VIP)" : "")}");
    }
}

/// <summary>CS-3a, CS-9 — dictionary row: all tickets; met when business minutes(received, first response — or satisfactory
/// reply when first response is empty) ≤ 60 (VIP: 30).</summary>
public sealed class Cs3aFirstResponse : ReplyWithinBusinessMinutes
{
    public override string Id => "CS-3a";

    protected override int TargetMinutes(SlaSettings s, bool vip) => vip ? s.VipResponseMinutes : s.ResponseMinutes;

    protected override (DateTime? At, string Chinese, string English) Reply(in TicketFacts t, MetricContext c) =>
        t.FirstResponseAt is { } first
            ? (first, "首次响应", "first response")
            : (t.SatisfactoryReplyAt, "首次响应（即时满意答复）", "first response (satisfactory reply at once)");
}

/// <summary>CS-3b, CS-9 — dictionary row: all tickets; met when business minutes(received, satisfactory reply) ≤ 480 (VIP: 240).</summary>
public sealed class Cs3bSatisfactoryReply : ReplyWithinBusinessMinutes
{
    public override string Id => "CS-3b";

    protected override int TargetMinutes(SlaSettings s, bool vip) => vip ? s.VipSatisfactoryReplyMinutes : s.SatisfactoryReplyMinutes;

    protected override (DateTime? At, string Chinese, string English) Reply(in TicketFacts t, MetricContext c) =>
        (t.SatisfactoryReplyAt, "满意答复", "satisfactory reply");
}

/// <summary>CS-3c — dictionary row: tickets whose satisfactory reply is empty or &gt; 15 calendar minutes (setting; the
/// department's reading of 立即) after received; met when the promised-by time (时间节点) is present. Calendar minutes, not
/// business minutes (Rulings on the dictionary): 立即 is the customer's experience, not office hours.</summary>
public sealed class Cs3cTimeCommitment : MetricDefinition<TicketFacts>
{
    public override string Id => "CS-3c";
    public override MetricGroup Group => MetricGroup.CS;
    public override BilingualText Target(SlaSettings s) =>
        new($"未在 {s.ImmediateReplyMinutes} 个日历分钟内满意答复的工单均说明时间节点（承诺时间）",
            $"a promised-by time on every ticket not answered within {s.ImmediateReplyMinutes} calendar minutes");

    public override Evaluation Evaluate(in TicketFacts t, MetricContext c)
    {
        var limit = c.Settings.ImmediateReplyMinutes;
        var reply = t.SatisfactoryReplyAt;
        if (reply is { } at && at <= t.ReceivedAt.AddMinutes(limit))
        {
            return Evaluation.NotEligible($"{limit} 个日历分钟内已满意答复", $"answered within {limit} calendar minutes");
        }

        // A promised-by time is a commitment about the future, not an event: it counts even when later than as-of.
        if (t.PromisedBy is { } promised)
        {
            return Evaluation.Of(Verdict.Met, promised, static (zh, at) => zh ? $"已承诺 {Words.Time(at)} 前答复" : $"promised by {Words.Time(at)}");
        }

        return reply is null && c.AsOf <= t.ReceivedAt.AddMinutes(limit)
            ? Evaluation.Pending($"受理未满 {limit} 个日历分钟", $"received less than {limit} calendar minutes ago")
            : Evaluation.Missed("答复未说明时间节点（无承诺时间）", "no promised-by time stated");
    }
}

/// <summary>
/// The callbacks of a rule's window (CS-3d, CS-7a, CS-7b, OS-2d): the earliest callback of the kind at start ≤ t ≤ start +
/// N×24 h. A phone callback counts only when it reached the customer (Rulings on the dictionary: the duty is to learn how the
/// product is used, so an unreached call never meets CS-3d, CS-7b or OS-2d); the unreached ones are counted for the reason.
/// A loop, no delegate: every resolved ticket of the month comes here.
/// </summary>
internal static class CallbackWindow
{
    public static (LinkedCallback? Made, int Unreached) Find(IReadOnlyList<LinkedCallback> callbacks, DateTime start, int days, bool phone)
    {
        LinkedCallback? made = null;
        var unreached = 0;
        for (var i = 0; i < callbacks.Count; i++)
        {
            var cb = callbacks[i];
            var ofKind = phone ? cb.Method == CallbackMethod.Phone : cb.Method is CallbackMethod.SmsWeekly or CallbackMethod.SmsMonthly;
            if (!ofKind || !Words.WithinDaysAfter(start, cb.At, days))
            {
                continue;
            }

            if (phone && !cb.Reached)
            {
                unreached++;
            }
            else if (made is not { } earliest || cb.At < earliest.At)
            {
                made = cb;
            }
        }

        return (made, unreached);
    }

    /// <summary>"（仅未接通 2 次）" / " (only unreached ×2)" after a reason; nothing when no call went unreached.</summary>
    public static string Unreached(bool zh, int unreached) =>
        unreached == 0 ? "" : zh ? $"（仅未接通 {unreached} 次）" : $" (only unreached ×{unreached})";
}

/// <summary>Shared shape of the callback-window rules on resolved tickets (CS-3d, CS-7a, CS-7b): a linked callback of the
/// right method (<see cref="CallbackWindow"/>: a phone call must have reached the customer) at resolved ≤ t ≤ resolved +
/// N×24 h; pending while the window is open at as-of.</summary>
public abstract class CallbackAfterResolution : MetricDefinition<TicketFacts>
{
    public override MetricGroup Group => MetricGroup.CS;

    protected abstract int Days(SlaSettings s);

    /// <summary>true: a phone callback that reached the customer; false: an SMS callback (weekly or monthly).</summary>
    protected abstract bool Phone { get; }

    protected abstract (string Chinese, string English) Kind { get; }

    /// <summary>Whether the ticket is in scope beyond being resolved (CS-3d: not a quote; CS-7b: key products); null when it is.</summary>
    protected virtual Evaluation? OutOfScope(in TicketFacts t, MetricContext c) => null;

    public override BilingualText Target(SlaSettings s) =>
        new($"解决后 {Days(s)} 天内{Kind.Chinese}", $"a {Kind.English} within {Days(s)} days of resolution");

    private static readonly Evaluation NotResolved = Evaluation.NotEligible("工单未解决", "ticket not resolved");

    public override Evaluation Evaluate(in TicketFacts t, MetricContext c)
    {
        if (t.ResolvedAt is not { } resolved)
        {
            return NotResolved;
        }

        if (OutOfScope(in t, c) is { } outOfScope)
        {
            return outOfScope;
        }

        var days = Days(c.Settings);
        var (callback, unreached) = CallbackWindow.Find(t.Callbacks, resolved, days, Phone);
        var kind = Kind;
        if (callback is { } made)
        {
            return Evaluation.Of(Verdict.Met, (callback: made, resolved, kind), static (zh, s) => zh
                ? $"{Words.Time(s.callback.At)} {s.kind.Chinese}（{s.callback.CallbackNo}），解决于 {Words.Time(s.resolved)}"
                : $"{s.kind.English} on {Words.Time(s.callback.At)} ({s.callback.CallbackNo}) after resolution on {Words.Time(s.resolved)}");
        }

        var end = resolved.AddDays(days);
        return c.AsOf <= end
            ? Evaluation.Of(Verdict.Pending, (resolved, end, kind, unreached), static (zh, s) => zh
                ? $"解决于 {Words.Time(s.resolved)}，{Words.Time(s.end)} 前需{s.kind.Chinese}{CallbackWindow.Unreached(zh, s.unreached)}"
                : $"resolved on {Words.Time(s.resolved)}; {s.kind.English} due by {Words.Time(s.end)}{CallbackWindow.Unreached(zh, s.unreached)}")
            : Evaluation.Of(Verdict.Missed, (resolved, days, kind, unreached), static (zh, s) => zh
                ? $"解决（{Words.Time(s.resolved)}）后 {s.days} 天内无{(s.unreached > 0 ? "接通的" : "")}{s.kind.Chinese}{CallbackWindow.Unreached(zh, s.unreached)}"
                : $"no {(s.unreached > 0 ? "answered " : "")}{s.kind.English} within {s.days} days of resolution on {Words.Time(s.resolved)}{CallbackWindow.Unreached(zh, s.unreached)}");
    }
}

/// <summary>CS-3d — dictionary row: tickets with resolved at, except 报价 Quote tickets; met when a phone callback that
/// reached the customer, linked to the ticket, is at resolved ≤ t ≤ resolved + 7 days (setting).</summary>
public sealed class Cs3dPhoneFollowUp : CallbackAfterResolution
{
    public override string Id => "CS-3d";
    protected override int Days(SlaSettings s) => s.PhoneCallbackDays;
    protected override bool Phone => true;
    protected override (string Chinese, string English) Kind => ("电话回访", "phone callback");

    // Rulings on the dictionary: a quote carries no product use to ask about.
    private static readonly Evaluation QuoteTicket = Evaluation.NotEligible("报价工单，无产品使用情况可回访", "quote ticket: no product use to ask about");

    protected override Evaluation? OutOfScope(in TicketFacts t, MetricContext c) => t.ServiceType == ServiceType.Quote ? QuoteTicket : null;
}

/// <summary>CS-7a — dictionary row: tickets with resolved at; met when an SMS callback (weekly or monthly) linked to the
/// ticket is within 31 days (setting) after resolved.</summary>
public sealed class Cs7aSmsCallback : CallbackAfterResolution
{
    public override string Id => "CS-7a";
    protected override int Days(SlaSettings s) => s.CallbackWindowDays;
    protected override bool Phone => false;
    protected override (string Chinese, string English) Kind => ("短信回访", "SMS callback");
}

/// <summary>CS-7b — dictionary row: resolved tickets whose product name or model contains a key-product keyword (setting:
/// 四情, 虫情, 孢子, 墒情, 苗情, 培养箱, 种子); met when a phone callback that reached the customer, linked to the ticket, is
/// within 31 days after resolved.</summary>
public sealed class Cs7bKeyProductPhoneCallback : CallbackAfterResolution
{
    public override string Id => "CS-7b";
    protected override int Days(SlaSettings s) => s.CallbackWindowDays;
    protected override bool Phone => true;
    protected override (string Chinese, string English) Kind => ("重点产品电话回访", "key-product phone callback");

    public override BilingualText Target(SlaSettings s) =>
        new($"重点产品（{string.Join("、", s.KeyProductKeywords)}）解决后 {s.CallbackWindowDays} 天内电话回访",
            $"a phone callback within {s.CallbackWindowDays} days of resolution for key products ({string.Join(", ", s.KeyProductKeywords)})");

    private static readonly Evaluation NotKeyProduct = Evaluation.NotEligible("非重点产品", "not a key product");

    protected override Evaluation? OutOfScope(in TicketFacts t, MetricContext c)
    {
        var keywords = c.Settings.KeyProductKeywords;
        for (var i = 0; i < keywords.Count; i++)
        {
            var keyword = keywords[i];
            if (t.ProductName?.Contains(keyword, StringComparison.Ordinal) == true || t.Model?.Contains(keyword, StringComparison.Ordinal) == true)
            {
                return null;
            }
        }

        return NotKeyProduct;
    }
}
