namespace ServiceInsights.Data.Domain.Metrics;

/// <summary>CP-1 — dictionary row: class 2 / class 3 complaints (class per <see cref="ComplaintClassifier"/>); met when class
/// 2: manager informed at present; class 3: leader informed at present.</summary>
public sealed class Cp1Escalation : MetricDefinition<ComplaintFacts>
{
    public override string Id => "CP-1";
    public override MetricGroup Group => MetricGroup.CP;
    public override BilingualText Target(SlaSettings s) => new("二类投诉知会部门经理，三类投诉知会分管领导", "class 2 reported to the department manager, class 3 to the leader in charge");

    public override Evaluation Evaluate(in ComplaintFacts p, MetricContext c)
    {
        var cls = ComplaintClassifier.Classify(p, c.Settings.RepeatComplaintDays);
        var why = cls.Reason;
        switch (cls.Level)
        {
            case 3:
                return p.LeaderInformedAt is { } leader
                    ? Evaluation.Met($"三类投诉（{why.Chinese}），{Words.Time(leader)} 已知会分管领导", $"class 3 ({why.English}); leader informed on {Words.Time(leader)}")
                    : Evaluation.Missed($"三类投诉（{why.Chinese}），未知会分管领导", $"class 3 ({why.English}); leader not informed");
            case 2:
                return p.ManagerInformedAt is { } manager
                    ? Evaluation.Met($"二类投诉（{why.Chinese}），{Words.Time(manager)} 已知会部门经理", $"class 2 ({why.English}); manager informed on {Words.Time(manager)}")
                    : Evaluation.Missed($"二类投诉（{why.Chinese}），未知会部门经理", $"class 2 ({why.English}); manager not informed");
            default:
                return Evaluation.NotEligible($"一类投诉（{why.Chinese}）", $"class 1 ({why.English})");
        }
    }
}

/// <summary>CP-2a — dictionary row: complaints; met when a promised-by time is present.</summary>
public sealed class Cp2aStatedWait : MetricDefinition<ComplaintFacts>
{
    public override string Id => "CP-2a";
    public override MetricGroup Group => MetricGroup.CP;
    public override BilingualText Target(SlaSettings s) => new("受理时告知客户处理时限", "the customer is told how long it will take");

    public override Evaluation Evaluate(in ComplaintFacts p, MetricContext c) =>
        p.PromisedBy is { } promised
            ? Evaluation.Met($"承诺 {Words.Time(promised)} 前处理", $"promised by {Words.Time(promised)}")
            : Evaluation.Missed("无承诺时间", "no promised-by time");
}

/// <summary>CP-2b — dictionary row: complaints; met when measures are non-empty.</summary>
public sealed class Cp2bMeasures : MetricDefinition<ComplaintFacts>
{
    public override string Id => "CP-2b";
    public override MetricGroup Group => MetricGroup.CP;
    public override BilingualText Target(SlaSettings s) => new("记录具体解决措施", "concrete measures recorded");

    public override Evaluation Evaluate(in ComplaintFacts p, MetricContext c) =>
        Words.Blank(p.Measures) ? Evaluation.Missed("未记录解决措施", "no measures recorded") : Evaluation.Met("已记录解决措施", "measures recorded");
}

/// <summary>CP-2c — dictionary row: closed complaints; met when result notified at and satisfaction are present.</summary>
public sealed class Cp2cFollowUp : MetricDefinition<ComplaintFacts>
{
    public override string Id => "CP-2c";
    public override MetricGroup Group => MetricGroup.CP;
    public override BilingualText Target(SlaSettings s) => new("结案前告知结果并询问满意度", "result told and satisfaction asked before closing");

    public override Evaluation Evaluate(in ComplaintFacts p, MetricContext c)
    {
        if (p.ClosedAt is null)
        {
            return Evaluation.NotEligible("未结案", "not closed");
        }

        var missing = new (string Chinese, string English, bool Empty)[]
        {
            ("告知结果时间", "result notified at", p.ResultNotifiedAt is null),
            ("满意度", "satisfaction", p.Satisfaction is null),
        }.Where(m => m.Empty).ToList();
        return missing.Count == 0
            ? Evaluation.Met($"已告知结果，满意度 {p.Satisfaction}", $"result notified, satisfaction {p.Satisfaction}")
            : Evaluation.Missed("缺少：" + string.Join("、", missing.Select(m => m.Chinese)), "missing: " + string.Join(", ", missing.Select(m => m.English)));
    }
}

/// <summary>CP-2d — dictionary row: closed complaints; met when root cause, corrective action and responsible person are non-empty.</summary>
public sealed class Cp2dCorrectiveAction : MetricDefinition<ComplaintFacts>
{
    public override string Id => "CP-2d";
    public override MetricGroup Group => MetricGroup.CP;
    public override BilingualText Target(SlaSettings s) => new("结案投诉有原因分析、纠正措施和责任人", "closed complaints have cause, corrective action and responsible person");

    public override Evaluation Evaluate(in ComplaintFacts p, MetricContext c)
    {
        if (p.ClosedAt is null)
        {
            return Evaluation.NotEligible("未结案", "not closed");
        }

        var missing = new (string Chinese, string English, bool Empty)[]
        {
            ("原因分析", "root cause", Words.Blank(p.RootCause)),
            ("纠正措施", "corrective action", Words.Blank(p.CorrectiveAction)),
            ("责任人", "responsible person", Words.Blank(p.Responsible)),
        }.Where(m => m.Empty).ToList();
        return missing.Count == 0
            ? Evaluation.Met("原因、纠正措施、责任人齐全", "cause, corrective action and responsible person recorded")
            : Evaluation.Missed("缺少：" + string.Join("、", missing.Select(m => m.Chinese)), "missing: " + string.Join(", ", missing.Select(m => m.English)));
    }
}

/// <summary>CP-2e — dictionary row: closed class-3 complaints; met when a case study is written.</summary>
public sealed class Cp2eCaseStudy : MetricDefinition<ComplaintFacts>
{
    public override string Id => "CP-2e";
    public override MetricGroup Group => MetricGroup.CP;
    public override BilingualText Target(SlaSettings s) => new("三类投诉解决后写成案例", "a case study for every closed class-3 complaint");

    public override Evaluation Evaluate(in ComplaintFacts p, MetricContext c)
    {
        if (p.ClosedAt is null)
        {
            return Evaluation.NotEligible("未结案", "not closed");
        }

        var cls = ComplaintClassifier.Classify(p, c.Settings.RepeatComplaintDays);
        if (cls.Level != 3)
        {
            return Evaluation.NotEligible($"{(cls.Level == 1 ? "一" : "二")}类投诉", $"class {cls.Level} complaint");
        }

        return p.CaseStudyWritten == true
            ? Evaluation.Met("已写成案例", "case study written")
            : Evaluation.Missed("三类投诉未写成案例", "class-3 complaint without a case study");
    }
}
