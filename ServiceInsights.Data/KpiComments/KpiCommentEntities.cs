namespace ServiceInsights.Data.KpiComments;

/// <summary>
/// A Manager's comment on a rule's result for a month (未达标说明): the cause, the action, its owner (a user of the app) and
/// its due date. One per rule and month (<see cref="Month"/> "2026-10"); every change is in <see cref="KpiCommentChange"/>.
/// Instants are UTC.
/// </summary>
public class KpiComment
{
    public long Id { get; set; }
    public string Month { get; set; } = "";
    public string RuleId { get; set; } = "";
    public string Cause { get; set; } = "";
    public string Action { get; set; } = "";
    public string OwnerId { get; set; } = "";
    public string OwnerName { get; set; } = "";
    public DateOnly Due { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string UpdatedBy { get; set; } = "";

    /// <summary>Optimistic concurrency: every save increments it and checks the value the editor loaded.</summary>
    public int Version { get; set; }
}

/// <summary>The history of a KPI comment: who changed which field when (UTC), from what to what.</summary>
public class KpiCommentChange
{
    public long Id { get; set; }
    public long CommentId { get; set; }
    public KpiComment? Comment { get; set; }
    public DateTime At { get; set; }
    public string UserName { get; set; } = "";
    public string Field { get; set; } = "";
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
}
