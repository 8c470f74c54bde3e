using ServiceInsights.Data.Import;
using ServiceInsights.Data.Reports.Callbacks;
using ServiceInsights.Data.Users;

namespace ServiceInsights.Data.FollowUps;

/// <summary>What a complaint states that a follow-up item is derived from (UTC).</summary>
public sealed record ComplaintFollowUpFacts(string ComplaintNo, string? Customer, DateTime? PromisedBy, DateTime? ClosedAt,
    string? CorrectiveAction, string? Responsible, string? Staff);

/// <summary>What a callback states that a follow-up item is derived from (UTC).</summary>
public sealed record CallbackFollowUpFacts(string CallbackNo, string? Customer, DateTime At, bool Reached, int? Satisfaction, bool? Solved,
    string? Staff);

/// <summary>
/// An item the records call for: its source, unique key, record, when the need arose (UTC), the action the record states
/// (a complaint's corrective action; otherwise none: the owner writes it), the due date the record states (a complaint's
/// promised-by day for an overdue complaint; otherwise none: a Manager sets it) and the staff name the owner is matched by.
/// </summary>
public sealed record DerivedFollowUp(FollowUpSource Source, string DerivedKey, RecordKind Kind, string RecordKey, string? Customer,
    DateTime OpenedAt, string? Action, DateTime? PromisedBy, IReadOnlyList<string> OwnerCandidates);

/// <summary>
/// The rules that open follow-up items from the records (§三2.5–2.6 and the callback action list). Pure: the same records
/// and as-of give the same items with the same keys, so deriving again never opens a second one.
/// </summary>
public static class FollowUpDerivation
{
    public static string Key(FollowUpSource source, string recordKey) => source switch
    {
        FollowUpSource.OverdueComplaint => $"OVERDUE:{recordKey}",
        FollowUpSource.ComplaintCapa => $"CAPA:{recordKey}",
        FollowUpSource.UnsatisfiedCallback => $"CALLBACK:{recordKey}",
        _ => throw new ArgumentException("A hand-made item has no derived key.", nameof(source)),
    };

    /// <summary>
    /// A complaint still open at <paramref name="asOfUtc"/> past its promised-by time → an overdue item (due: the promise);
    /// a complaint closed by then → its CAPA item (action: its recorded corrective action). A complaint without a promise is
    /// never overdue by this rule (no record states a time it passed).
    /// </summary>
    public static IEnumerable<DerivedFollowUp> FromComplaint(ComplaintFollowUpFacts c, DateTime asOfUtc)
    {
        var owners = Names(c.Responsible, c.Staff);
        var closed = c.ClosedAt is { } at && at <= asOfUtc;
        if (c.PromisedBy is { } promised && promised < asOfUtc && (!closed || c.ClosedAt > promised))
        {
            yield return new(FollowUpSource.OverdueComplaint, Key(FollowUpSource.OverdueComplaint, c.ComplaintNo), RecordKind.Complaints,
                c.ComplaintNo, c.Customer, promised, null, promised, owners);
        }

        if (closed)
        {
            yield return new(FollowUpSource.ComplaintCapa, Key(FollowUpSource.ComplaintCapa, c.ComplaintNo), RecordKind.Complaints,
                c.ComplaintNo, c.Customer, c.ClosedAt!.Value, string.IsNullOrWhiteSpace(c.CorrectiveAction) ? null : c.CorrectiveAction.Trim(), null, owners);
        }
    }

    /// <summary>
    /// A callback made by <paramref name="asOfUtc"/> that reached the customer and left them unsatisfied (satisfaction at or
    /// below <see cref="CallbackReportQuery.UnsatisfiedAtMost"/>) or the problem unsolved — the callback report's action list.
    /// </summary>
    public static DerivedFollowUp? FromCallback(CallbackFollowUpFacts c, DateTime asOfUtc) =>
        c.At <= asOfUtc && c.Reached && (c.Satisfaction <= CallbackReportQuery.UnsatisfiedAtMost || c.Solved == false)
            ? new(FollowUpSource.UnsatisfiedCallback, Key(FollowUpSource.UnsatisfiedCallback, c.CallbackNo), RecordKind.Callbacks, c.CallbackNo,
                c.Customer, c.At, null, null, Names(c.Staff))
            : null;

    /// <summary>
    /// The owner: the first candidate name that is exactly one user's display name; null when none is (the item is shown
    /// as unassigned and a Manager assigns it — a name in a record is not guessed at).
    /// </summary>
    public static AppUserRow? MatchOwner(DerivedFollowUp item, IReadOnlyList<AppUserRow> users)
    {
        foreach (var name in item.OwnerCandidates)
        {
            var matches = users.Where(u => string.Equals(u.Name, name, StringComparison.Ordinal)).Take(2).ToList();
            if (matches.Count == 1)
            {
                return matches[0];
            }
        }

        return null;
    }

    private static IReadOnlyList<string> Names(params string?[] names) =>
        [.. names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()).Distinct(StringComparer.Ordinal)];
}
