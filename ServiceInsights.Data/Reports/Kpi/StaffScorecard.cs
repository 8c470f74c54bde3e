using ServiceInsights.Data.Domain.Metrics;

namespace ServiceInsights.Data.Reports.Kpi;

/// <summary>
/// DP-1: one staff member's month — tickets received, the result of every ticket and callback rule on their records,
/// the satisfaction their callbacks recorded, and their forbidden-phrase hits (CS-1b missed). <see cref="Staff"/> is ""
/// for records without a staff member.
/// </summary>
public sealed record StaffScorecard(string Staff, int Tickets, IReadOnlyDictionary<string, MetricBreakdownRow> Rules, int ForbiddenPhraseHits,
    StaffSatisfaction? Satisfaction = null)
{
    /// <summary>How each rule's rate on this staff member's records stands against the rule's target rate (the same target
    /// and bands as the department's figure; few records make a small sample).</summary>
    public IReadOnlyDictionary<string, RateStatus> Statuses { get; init; } = new Dictionary<string, RateStatus>();

    public RateStatus StatusOf(string id) => Statuses.GetValueOrDefault(id, RateStatus.None);

    /// <summary>The rules a scorecard shows: those counted on tickets and on callbacks (they carry the staff member).</summary>
    public static IReadOnlyList<string> RuleIds { get; } =
        [.. MetricCatalog.All.Where(d => d.FactsType == typeof(TicketFacts) || d.FactsType == typeof(CallbackFacts)).Select(d => d.Id)];

    /// <summary>Every staff member with a ticket or callback verdict (or a satisfaction answer) in the month, by name.</summary>
    public static IReadOnlyList<StaffScorecard> From(KpiReport report, IReadOnlyDictionary<string, StaffSatisfaction>? satisfaction = null)
    {
        satisfaction ??= new Dictionary<string, StaffSatisfaction>();
        var byRule = RuleIds.ToDictionary(id => id, id => MetricBreakdown.ByStaff(report[id]).ToDictionary(r => r.Group, StringComparer.Ordinal));
        // CS-2 applies to every ticket of the month, so its verdicts count the tickets.
        var tickets = byRule["CS-2"];
        return
        [
            .. byRule.Values.SelectMany(rows => rows.Keys).Concat(satisfaction.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(staff => new StaffScorecard(
                    staff,
                    tickets.GetValueOrDefault(staff) is { } t ? t.Eligible + t.Pending : 0,
                    byRule.Where(r => r.Value.ContainsKey(staff)).ToDictionary(r => r.Key, r => r.Value[staff]),
                    byRule["CS-1b"].GetValueOrDefault(staff) is { } hits ? hits.Eligible - hits.Met : 0,
                    satisfaction.GetValueOrDefault(staff))
                {
                    Statuses = byRule.Where(r => r.Value.ContainsKey(staff)).ToDictionary(r => r.Key, r => report.Targets.StatusOf(
                        r.Key, report.Month.Year, r.Value[staff].Rate, r.Value[staff].Eligible)),
                }),
        ];
    }
}
