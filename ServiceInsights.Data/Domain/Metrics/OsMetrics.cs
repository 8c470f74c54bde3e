using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Domain.Metrics;

/// <summary>OS-1 — dictionary row: visits dispatched by sales; met when the director's sign-off is present and, when arrived
/// at is present, ≤ arrived at. Before the visit (no arrival, not completed) a missing sign-off is pending.</summary>
public sealed class Os1DirectorSignOff : MetricDefinition<VisitFacts>
{
    public override string Id => "OS-1";
    public override MetricGroup Group => MetricGroup.OS;
    public override BilingualText Target(SlaSettings s) => new("销售委派安装单在上门前经分管总监签字", "sales dispatches signed by the director before the visit");

    public override Evaluation Evaluate(in VisitFacts v, MetricContext c)
    {
        if (v.Source != DispatchSource.Sales)
        {
            return Evaluation.NotEligible("非销售派单", "not dispatched by sales");
        }

        var arrived = v.ArrivedAt;
        if (v.DirectorSignedAt is { } signed)
        {
            return arrived is { } at && signed > at
                ? Evaluation.Missed($"总监 {Words.Time(signed)} 签字，晚于到达 {Words.Time(at)}", $"director signed on {Words.Time(signed)}, after arrival on {Words.Time(at)}")
                : Evaluation.Met($"总监 {Words.Time(signed)} 签字", $"director signed on {Words.Time(signed)}");
        }

        return arrived is null && v.CompletedAt is null
            ? Evaluation.Pending("尚未上门，暂无总监签字", "visit not made yet; no director sign-off so far")
            : Evaluation.Missed("无总监签字", "no director sign-off");
    }
}

/// <summary>OS-2a — dictionary row: visits; met when an appointment is present. Before the visit (no arrival, not completed)
/// a missing appointment is pending.</summary>
public sealed class Os2aAppointment : MetricDefinition<VisitFacts>
{
    public override string Id => "OS-2a";
    public override MetricGroup Group => MetricGroup.OS;
    public override BilingualText Target(SlaSettings s) => new("上门前与客户预约", "an appointment fixed before the visit");

    public override Evaluation Evaluate(in VisitFacts v, MetricContext c)
    {
        if (v.AppointmentAt is { } appointment)
        {
            return Evaluation.Met($"预约 {Words.Time(appointment)}", $"appointment for {Words.Time(appointment)}");
        }

        return v.ArrivedAt is null && v.CompletedAt is null
            ? Evaluation.Pending("尚未上门，暂无预约", "visit not made yet; no appointment so far")
            : Evaluation.Missed("无预约时间", "no appointment recorded");
    }
}

/// <summary>OS-2b — dictionary row: visits with appointment and arrival; met when arrived ≤ appointment + 15 min (setting),
/// or rescheduled with advance notice.</summary>
public sealed class Os2bPunctuality : MetricDefinition<VisitFacts>
{
    public override string Id => "OS-2b";
    public override MetricGroup Group => MetricGroup.OS;
    public override BilingualText Target(SlaSettings s) => new($"不晚于预约 {s.PunctualityGraceMinutes} 分钟到达，或提前告知改约", $"arrival ≤ appointment + {s.PunctualityGraceMinutes} min, or rescheduled with advance notice");

    public override Evaluation Evaluate(in VisitFacts v, MetricContext c)
    {
        if (v.AppointmentAt is not { } appointment || v.ArrivedAt is not { } arrived)
        {
            return Evaluation.NotEligible("无预约或未到达", "no appointment or no arrival");
        }

        var grace = c.Settings.PunctualityGraceMinutes;
        var late = (arrived - appointment).TotalMinutes;
        if (late <= grace)
        {
            return Evaluation.Met($"{Words.Time(arrived)} 到达，预约 {Words.Time(appointment)}", $"arrived {Words.Time(arrived)}; appointment {Words.Time(appointment)}");
        }

        return v.RescheduledWithNotice == true
            ? Evaluation.Met($"晚到 {Words.Number(late)} 分钟，已提前告知改约", $"{Words.Number(late)} min late, rescheduled with advance notice")
            : Evaluation.Missed($"晚到 {Words.Number(late)} 分钟（允许 {grace}），未提前告知", $"{Words.Number(late)} min late (grace {grace}) without advance notice");
    }
}

/// <summary>OS-2c — dictionary row: completed visits; met when the commissioning form is filed and a survey score is present.</summary>
public sealed class Os2cFormAndSurvey : MetricDefinition<VisitFacts>
{
    public override string Id => "OS-2c";
    public override MetricGroup Group => MetricGroup.OS;
    public override BilingualText Target(SlaSettings s) => new("离开前填写安装调试单和满意度调查表", "commissioning form and satisfaction survey filed before leaving");

    public override Evaluation Evaluate(in VisitFacts v, MetricContext c)
    {
        if (v.CompletedAt is null)
        {
            return Evaluation.NotEligible("未完成", "visit not completed");
        }

        var missing = new (string Chinese, string English, bool Empty)[]
        {
            ("安装调试单", "commissioning form", v.FormFiled != true),
            ("满意度评分", "survey score", v.SurveyScore is null),
        }.Where(m => m.Empty).ToList();
        return missing.Count == 0
            ? Evaluation.Met($"已交调试单，满意度 {v.SurveyScore}", $"form filed, survey score {v.SurveyScore}")
            : Evaluation.Missed("缺少：" + string.Join("、", missing.Select(m => m.Chinese)), "missing: " + string.Join(", ", missing.Select(m => m.English)));
    }
}

/// <summary>OS-2d — dictionary row: completed visits; met when a phone callback that reached the customer, linked to the
/// ticket, is within 7 days (setting) after completed (<see cref="CallbackWindow"/>).</summary>
public sealed class Os2dFollowUpCall : MetricDefinition<VisitFacts>
{
    public override string Id => "OS-2d";
    public override MetricGroup Group => MetricGroup.OS;
    public override BilingualText Target(SlaSettings s) => new($"完成后 {s.PhoneCallbackDays} 天内电话回访", $"a phone callback within {s.PhoneCallbackDays} days of completion");

    public override Evaluation Evaluate(in VisitFacts v, MetricContext c)
    {
        if (v.CompletedAt is not { } completed)
        {
            return Evaluation.NotEligible("未完成", "visit not completed");
        }

        var days = c.Settings.PhoneCallbackDays;
        var (callback, unreached) = CallbackWindow.Find(v.Callbacks, completed, days, phone: true);
        if (callback is { } made)
        {
            return Evaluation.Met($"{Words.Time(made.At)} 电话回访（{made.CallbackNo}）", $"phone callback on {Words.Time(made.At)} ({made.CallbackNo})");
        }

        var end = completed.AddDays(days);
        return c.AsOf <= end
            ? Evaluation.Pending($"完成于 {Words.Time(completed)}，{Words.Time(end)} 前需电话回访{CallbackWindow.Unreached(true, unreached)}",
                $"completed on {Words.Time(completed)}; phone callback due by {Words.Time(end)}{CallbackWindow.Unreached(false, unreached)}")
            : Evaluation.Missed($"完成（{Words.Time(completed)}）后 {days} 天内无{(unreached > 0 ? "接通的" : "")}电话回访{CallbackWindow.Unreached(true, unreached)}",
                $"no {(unreached > 0 ? "answered " : "")}phone callback within {days} days of completion on {Words.Time(completed)}{CallbackWindow.Unreached(false, unreached)}");
    }
}
