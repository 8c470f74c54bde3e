namespace ServiceInsights.Data.Domain.Metrics;

/// <summary>A complaint's class (1–3) and why.</summary>
public sealed record ComplaintClass(int Level, BilingualText Reason);

/// <summary>
/// CP-1 "Complaint class": 3 if escalated to the media; else 2 if the customer threatens an external complaint or the same
/// customer organisation (trimmed name) has an earlier complaint received within the previous N days (setting, default 90:
/// e &lt; r ≤ e + N×24 h, so day 90 is in and day 91 out); else 1.
/// </summary>
public static class ComplaintClassifier
{
    public static ComplaintClass Classify(ComplaintFacts complaint, int repeatDays)
    {
        if (complaint.Media == true)
        {
            return new(3, new("已投诉至媒体", "escalated to the media"));
        }

        if (complaint.ThreatensExternal == true)
        {
            return new(2, new("欲对外投诉", "threatens an external complaint"));
        }

        var customer = complaint.Customer?.Trim();
        var repeat = string.IsNullOrEmpty(customer)
            ? null
            : complaint.Earlier
                .Where(e => e.ComplaintNo != complaint.ComplaintNo && e.Customer?.Trim() == customer
                            && e.ReceivedAt < complaint.ReceivedAt && complaint.ReceivedAt <= e.ReceivedAt.AddDays(repeatDays))
                .OrderByDescending(e => e.ReceivedAt)
                .FirstOrDefault();
        if (repeat is not null)
        {
            return new(2, new(
                $"同一客户 {Words.Time(repeat.ReceivedAt)} 已有投诉 {repeat.ComplaintNo}（{repeatDays} 天内再次投诉）",
                $"repeat: the same customer complained on {Words.Time(repeat.ReceivedAt)} ({repeat.ComplaintNo}), within {repeatDays} days"));
        }

        return new(1, new("客户一次抱怨（未投诉至媒体、无欲对外投诉、" + repeatDays + " 天内无同一客户投诉）",
            $"first complaint: no media, no threat, no complaint by the same customer in the previous {repeatDays} days"));
    }
}
