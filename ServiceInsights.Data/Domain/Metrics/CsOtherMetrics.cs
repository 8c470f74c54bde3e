using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Domain.Metrics;

/// <summary>CS-4a — dictionary row: repairs; met when ordered at and handed over at are both ≤ the business-hours end of the
/// arrival's working day (arrival after that end, or on a non-working day: the end of the next working day).</summary>
public sealed class Cs4aSameDayOrder : MetricDefinition<RepairFacts>
{
    public override string Id => "CS-4a";
    public override MetricGroup Group => MetricGroup.CS;
    public override BilingualText Target(SlaSettings s) => new("当天件当天下单当天转交品质技术部", "ordered and handed to quality-tech the working day the item arrives");

    public override Evaluation Evaluate(in RepairFacts r, MetricContext c)
    {
        var deadline = c.Calendar.SameDayDeadline(r.ReceivedAt);
        var (ordered, handedOver) = (r.OrderedAt, r.HandedOverAt);
        var late = ordered > deadline || handedOver > deadline;
        var verdict = late ? Verdict.Missed
            : ordered is not null && handedOver is not null ? Verdict.Met
            : c.AsOf <= deadline ? Verdict.Pending
            : Verdict.Missed;
        return Evaluation.Of(verdict, (verdict, deadline, r.ReceivedAt, ordered, handedOver), static (zh, s) => Reason(zh, s.verdict, s.deadline, s.ReceivedAt, s.ordered, s.handedOver));
    }

    private static string Reason(bool zh, Verdict verdict, DateTime deadline, DateTime received, DateTime? ordered, DateTime? handedOver)
    {
        var steps = new[] { ("下单", "order", ordered), ("转交品质技术部", "hand-over", handedOver) };
        var missing = steps.Where(s => s.Item3 is null).ToList();
        var deadlineText = zh ? $"期限 {Words.Time(deadline)}（到件 {Words.Time(received)}）" : $"deadline {Words.Time(deadline)} (arrived {Words.Time(received)})";
        switch (verdict)
        {
            case Verdict.Met:
                return zh ? $"下单与转交均在期限内；{deadlineText}" : $"ordered and handed over in time; {deadlineText}";
            case Verdict.Pending:
                return zh
                    ? $"尚未{string.Join("、", missing.Select(m => m.Item1))}；{deadlineText}"
                    : $"no {string.Join(" or ", missing.Select(m => m.Item2))} yet; {deadlineText}";
        }

        var late = steps.Where(s => s.Item3 is { } at && at > deadline).ToList();
        return zh
            ? $"{string.Join("，", late.Select(l => $"{l.Item1}于 {Words.Time(l.Item3!.Value)} 超期").Concat(missing.Select(m => $"无{m.Item1}时间")))}；{deadlineText}"
            : $"{string.Join(", ", late.Select(l => $"{l.Item2} on {Words.Time(l.Item3!.Value)} is late").Concat(missing.Select(m => $"no {m.Item2} time")))}; {deadlineText}";
    }
}

/// <summary>CS-4b — dictionary row: repairs whose origin (from the linked ticket) is known, unrepaired ones only once overdue
/// at as-of; met when working days(received, repaired) ≤ 5 self-made / 10 purchased (settings); imported: date(repaired) ≤
/// agreed due date (an imported repair without an agreed date is eligible and not met).</summary>
public sealed class Cs4bRepairTurnaround : MetricDefinition<RepairFacts>
{
    public override string Id => "CS-4b";
    public override MetricGroup Group => MetricGroup.CS;
    public override BilingualText Target(SlaSettings s) =>
        new($"自产 ≤ {s.RepairDaysSelfMade} 个工作日，外购 ≤ {s.RepairDaysPurchased} 个工作日，进口按约定日期",
            $"self-made ≤ {s.RepairDaysSelfMade} working days, purchased ≤ {s.RepairDaysPurchased}, imported by the agreed date");

    public override Evaluation Evaluate(in RepairFacts r, MetricContext c)
    {
        var received = DateOnly.FromDateTime(r.ReceivedAt);
        var repaired = r.RepairedAt is { } at ? DateOnly.FromDateTime(at) : (DateOnly?)null;
        switch (r.Origin)
        {
            case null:
                return Evaluation.NotEligible("产品来源未知（无关联工单或未填）", "origin unknown (no linked ticket, or not recorded)");
            case Origin.Imported when r.AgreedDueDate is not { } due:
                return Evaluation.Missed("进口/特殊产品无约定日期", "imported item without an agreed due date");
            case Origin.Imported:
                var agreed = r.AgreedDueDate!.Value;
                if (repaired is { } done)
                {
                    var zh = $"修复于 {Words.Date(done)}，约定 {Words.Date(agreed)}";
                    var en = $"repaired on {Words.Date(done)}; agreed {Words.Date(agreed)}";
                    return done <= agreed ? Evaluation.Met(zh, en) : Evaluation.Missed(zh, en);
                }

                return c.AsOfDate > agreed
                    ? Evaluation.Missed($"未修复，已过约定日期 {Words.Date(agreed)}", $"not repaired, past the agreed date {Words.Date(agreed)}")
                    : Evaluation.Pending($"未修复，约定 {Words.Date(agreed)}", $"not repaired yet; agreed {Words.Date(agreed)}");
        }

        var (target, zhOrigin, enOrigin) = r.Origin == Origin.SelfMade
            ? (c.Settings.RepairDaysSelfMade, "自产", "self-made")
            : (c.Settings.RepairDaysPurchased, "外购", "purchased");
        if (repaired is { } finished)
        {
            var days = c.Calendar.WorkingDaysBetween(received, finished);
            var zh = $"{zhOrigin}，用时 {days} 个工作日，目标 {target}";
            var en = $"{enOrigin}, repaired in {days} working days; target {target}";
            return days <= target ? Evaluation.Met(zh, en) : Evaluation.Missed(zh, en);
        }

        var open = c.Calendar.WorkingDaysBetween(received, c.AsOfDate);
        return open > target
            ? Evaluation.Missed($"{zhOrigin}，未修复已 {open} 个工作日，目标 {target}", $"{enOrigin}, open for {open} working days; target {target}")
            : Evaluation.Pending($"{zhOrigin}，未修复，已 {open} 个工作日，目标 {target}", $"{enOrigin}, open for {open} working days; target {target}");
    }
}

/// <summary>CS-4c — dictionary row: each working day d with date(received) &lt; d ≤ date(repaired or as-of) of a repair; met
/// when at least one status update is recorded on d. The as-of day itself is pending until an update comes.</summary>
public sealed class Cs4cDailyStatus : MetricDefinition<RepairDayFacts>
{
    public override string Id => "CS-4c";
    public override MetricGroup Group => MetricGroup.CS;
    public override BilingualText Target(SlaSettings s) => new("维修期间每个工作日（邮件或面签）确认维修情况", "a repair status update every working day");

    public override Evaluation Evaluate(in RepairDayFacts d, MetricContext c)
    {
        DateTime update = default;
        var updates = d.StatusUpdates;
        for (var i = 0; i < updates.Count; i++)
        {
            var u = updates[i];
            if (DateOnly.FromDateTime(u) == d.Day && (update == default || u < update))
            {
                update = u;
            }
        }

        if (update != default)
        {
            return Evaluation.Of(Verdict.Met, update, static (zh, at) => zh ? $"{Words.Time(at)} 已确认进度" : $"status confirmed on {Words.Time(at)}");
        }

        var day = d.Day;
        return day >= c.AsOfDate
            ? Evaluation.Of(Verdict.Pending, day, static (zh, date) => zh ? $"{Words.Date(date)} 尚未结束，暂无进度确认" : $"{Words.Date(date)} is not over; no status update yet")
            : Evaluation.Of(Verdict.Missed, day, static (zh, date) => zh ? $"{Words.Date(date)} 无进度确认" : $"no status update on {Words.Date(date)}");
    }
}

/// <summary>CS-5 — dictionary row: site visits of on-site-repair tickets, uncompleted ones only once overdue at as-of; met
/// when working days(ordered, completed) ≤ 2 (setting).</summary>
public sealed class Cs5OnSiteRepair : MetricDefinition<VisitFacts>
{
    public override string Id => "CS-5";
    public override MetricGroup Group => MetricGroup.CS;
    public override BilingualText Target(SlaSettings s) => new($"派单后 ≤ {s.OnSiteDays} 个工作日完成上门维修", $"on-site repair within {s.OnSiteDays} working days of the order");

    public override Evaluation Evaluate(in VisitFacts v, MetricContext c)
    {
        if (v.TicketServiceType != ServiceType.OnsiteRepair)
        {
            return Evaluation.NotEligible("非上门维修工单", "not an on-site repair ticket");
        }

        var target = c.Settings.OnSiteDays;
        var ordered = DateOnly.FromDateTime(v.OrderedAt);
        if (v.CompletedAt is { } completed)
        {
            var days = c.Calendar.WorkingDaysBetween(ordered, DateOnly.FromDateTime(completed));
            var zh = $"派单后 {days} 个工作日完成，目标 {target}";
            var en = $"completed {days} working days after the order; target {target}";
            return days <= target ? Evaluation.Met(zh, en) : Evaluation.Missed(zh, en);
        }

        var open = c.Calendar.WorkingDaysBetween(ordered, c.AsOfDate);
        return open > target
            ? Evaluation.Missed($"未完成，派单已 {open} 个工作日，目标 {target}", $"not completed, {open} working days after the order; target {target}")
            : Evaluation.Pending($"未完成，派单已 {open} 个工作日，目标 {target}", $"not completed yet, {open} working days after the order; target {target}");
    }
}

/// <summary>CS-6 — dictionary row: quotes; met when first quoted tax-inclusive, or tax-exclusive with "no invoice" requested.</summary>
public sealed class Cs6TaxInclusiveQuote : MetricDefinition<QuoteFacts>
{
    public override string Id => "CS-6";
    public override MetricGroup Group => MetricGroup.CS;
    public override BilingualText Target(SlaSettings s) => new("先报含税价（客户不要发票时可报不含税价）", "tax-inclusive price first (tax-exclusive only when no invoice is requested)");

    public override Evaluation Evaluate(in QuoteFacts q, MetricContext c) => q.FirstQuoted switch
    {
        QuoteBasis.TaxInclusive => Evaluation.Met("先报含税价", "quoted tax-inclusive first"),
        QuoteBasis.TaxExclusive when q.NoInvoiceRequested == true => Evaluation.Met("客户不要发票，报不含税价", "tax-exclusive first, no invoice requested"),
        QuoteBasis.TaxExclusive => Evaluation.Missed("先报不含税价，客户未提出不要发票", "quoted tax-exclusive first without a no-invoice request"),
        _ => Evaluation.Missed("未记录首次报价方式", "first quoted price basis not recorded"),
    };
}

/// <summary>CS-7c — dictionary row: callbacks that reached the customer; met when problem solved, running normally and
/// satisfaction are all answered.</summary>
public sealed class Cs7cCompleteCallback : MetricDefinition<CallbackFacts>
{
    public override string Id => "CS-7c";
    public override MetricGroup Group => MetricGroup.CS;
    public override BilingualText Target(SlaSettings s) => new("回访记录问题是否解决、设备是否正常、是否满意", "callback records solved, running normally and satisfaction");

    private static readonly Evaluation NotReached = Evaluation.NotEligible("未接通", "customer not reached");
    private static readonly Evaluation AllAnswered = Evaluation.Met("三项回访问题均已记录", "all three answers recorded");

    public override Evaluation Evaluate(in CallbackFacts cb, MetricContext c)
    {
        if (!cb.Reached)
        {
            return NotReached;
        }

        if (cb.Solved is not null && cb.RunningNormally is not null && cb.Satisfaction is not null)
        {
            return AllAnswered; // most callbacks: no list of the missing answers to build
        }

        var missing = new (string Chinese, string English, bool Empty)[]
        {
            ("问题是否解决", "problem solved", cb.Solved is null),
            ("设备是否正常运行", "running normally", cb.RunningNormally is null),
            ("服务是否满意", "satisfaction", cb.Satisfaction is null),
        }.Where(a => a.Empty).ToList();
        return Evaluation.Missed("未记录：" + string.Join("、", missing.Select(m => m.Chinese)),
            "not answered: " + string.Join(", ", missing.Select(m => m.English)));
    }
}

/// <summary>CS-8b — dictionary row: complaints relayed by sales; met when minutes(received, sales feedback) ≤ 30 (calendar,
/// setting).</summary>
public sealed class Cs8bSalesFeedback : MetricDefinition<ComplaintFacts>
{
    public override string Id => "CS-8b";
    public override MetricGroup Group => MetricGroup.CS;
    public override BilingualText Target(SlaSettings s) => new($"销售反馈的客诉 {s.SalesFeedbackMinutes} 个日历分钟内给予销售人员信息反馈", $"feedback to the salesperson within {s.SalesFeedbackMinutes} min");

    public override Evaluation Evaluate(in ComplaintFacts p, MetricContext c)
    {
        if (p.Source != ComplaintSource.SalesRelay)
        {
            return Evaluation.NotEligible("非销售转达", "not relayed by sales");
        }

        var target = c.Settings.SalesFeedbackMinutes;
        if (p.SalesFeedbackAt is { } feedback)
        {
            var minutes = (feedback - p.ReceivedAt).TotalMinutes;
            var zh = $"{Words.Number(minutes)} 分钟后反馈销售，目标 {target}";
            var en = $"feedback to sales after {Words.Number(minutes)} min; target {target}";
            return minutes <= target ? Evaluation.Met(zh, en) : Evaluation.Missed(zh, en);
        }

        return c.AsOf <= p.ReceivedAt.AddMinutes(target)
            ? Evaluation.Pending($"尚未反馈销售，目标 {target} 分钟", $"no feedback to sales yet; target {target} min")
            : Evaluation.Missed($"{target} 分钟内未反馈销售", $"no feedback to sales within {target} min");
    }
}
