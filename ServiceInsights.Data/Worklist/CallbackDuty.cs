using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Worklist;

/// <summary>How a callback duty is done: a phone call or an SMS.</summary>
public enum CallbackChannel { Phone, Sms }

/// <summary>
/// A callback the standard asks for, as the worklist sees it: the rule that judges it (the engine's own definition), how it
/// is done and how many days after its anchor (resolution, or completion of a visit) it is due. The due time is the end of
/// the rule's window, anchor + N × 24 h, exactly where the rule turns from pending to missed (WorklistDutyTests check it).
/// </summary>
public sealed record CallbackDuty(string Rule, CallbackChannel Channel, Func<SlaSettings, int> Days)
{
    /// <summary>CS-3d, CS-7b, OS-2d (phone) and CS-7a (SMS), in the order of the metric dictionary.</summary>
    public static IReadOnlyList<CallbackDuty> All { get; } =
    [
        new("CS-3d", CallbackChannel.Phone, s => s.PhoneCallbackDays),
        new("CS-7a", CallbackChannel.Sms, s => s.CallbackWindowDays),
        new("CS-7b", CallbackChannel.Phone, s => s.CallbackWindowDays),
        new("OS-2d", CallbackChannel.Phone, s => s.PhoneCallbackDays),
    ];

    public static CallbackDuty? Find(string? rule) => All.SingleOrDefault(d => string.Equals(d.Rule, rule, StringComparison.OrdinalIgnoreCase));

    /// <summary>The longest window of any duty: how far back the worklist looks for its records, with the overdue days.</summary>
    public static int LongestDays(SlaSettings settings) => All.Max(d => d.Days(settings));

    public IMetricDefinition Definition => MetricCatalog.Find(Rule);

    public DateTime Due(DateTime anchor, SlaSettings settings) => anchor.AddDays(Days(settings));

    /// <summary>Whether a callback is of this duty's channel (an SMS callback is weekly or monthly).</summary>
    public bool IsOfChannel(LinkedCallback callback) => Channel == CallbackChannel.Phone
        ? callback.Method == CallbackMethod.Phone
        : callback.Method is CallbackMethod.SmsWeekly or CallbackMethod.SmsMonthly;

    /// <summary>
    /// The earlier attempts: callbacks of this channel that did not reach the customer (是否接通 = 否), made from the anchor up
    /// to as-of. The rules do not count them as done (an unreached phone callback never meets CS-3d, CS-7b or OS-2d), so the
    /// item stays and shows them (未接通 ×n).
    /// </summary>
    public int Attempts(IReadOnlyList<LinkedCallback> callbacks, DateTime anchor, DateTime asOf)
    {
        var attempts = 0;
        foreach (var callback in callbacks)
        {
            if (IsOfChannel(callback) && !callback.Reached && anchor <= callback.At && callback.At <= asOf)
            {
                attempts++;
            }
        }

        return attempts;
    }

    /// <summary>
    /// Whether a missed duty was done late: a callback of this channel that reached the customer, after the anchor and by
    /// as-of. The rule stays missed (the KPI counts it so), but the call is made, so the item leaves the list.
    /// </summary>
    public bool DoneLate(IReadOnlyList<LinkedCallback> callbacks, DateTime anchor, DateTime asOf) =>
        callbacks.Any(c => IsOfChannel(c) && c.Reached && anchor <= c.At && c.At <= asOf);

    /// <summary>
    /// The day to call by: the due date, or the last working day before it when the due date is a day off — a callback is
    /// made on a working day — but never before the anchor's date (a window of days off only: the due date then). The due
    /// time itself is the rule's and does not move.
    /// </summary>
    public static DateOnly CallBy(DateTime anchor, DateTime due, WorkingCalendar calendar)
    {
        var (first, last) = (DateOnly.FromDateTime(anchor), DateOnly.FromDateTime(due));
        for (var day = last; day >= first; day = day.AddDays(-1))
        {
            if (calendar.IsWorkingDay(day))
            {
                return day;
            }
        }

        return last;
    }
}
