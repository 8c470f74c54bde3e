namespace ServiceInsights.Data.FollowUps;

/// <summary>Why a follow-up item (整改项) exists: derived from a record, or opened by a Manager by hand.</summary>
public enum FollowUpSource
{
    /// <summary>A complaint still open past its promised-by time (承诺期限).</summary>
    OverdueComplaint,

    /// <summary>A closed complaint: its corrective and preventive action (CAPA, §三2.5–2.6) is to be carried out and verified.</summary>
    ComplaintCapa,

    /// <summary>A callback that left the customer unsatisfied or the problem unsolved.</summary>
    UnsatisfiedCallback,

    /// <summary>Opened by a Manager from a record.</summary>
    Manual,
}

/// <summary>Where an item stands: open → done (by its owner) → verified (by a different Manager or quality engineer).</summary>
public enum FollowUpStatus { Open, Done, Verified }

/// <summary>
/// A follow-up item (整改项). <see cref="DerivedKey"/> ("CAPA:TS-…", null for a hand-made item) is unique, so deriving the items
/// again (every import, every page load) never opens a second one for the same record. Instants are UTC; the owner and
/// the verifier are users of the app (their Identity id, and the display name at the time, which the lists show).
/// </summary>
public class FollowUpItem
{
    public long Id { get; set; }
    public FollowUpSource Source { get; set; }
    public string? DerivedKey { get; set; }

    /// <summary>The record it is about: its kind (<c>Complaints</c>, <c>Callbacks</c>, …) and number.</summary>
    public string RecordKind { get; set; } = "";

    public string RecordKey { get; set; } = "";

    /// <summary>The customer of the record, for the lists (a copy: the record may be re-imported, the item stays).</summary>
    public string? Customer { get; set; }

    public string? Action { get; set; }
    public string? OwnerId { get; set; }
    public string? OwnerName { get; set; }
    public DateOnly? Due { get; set; }
    public FollowUpStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? DoneAt { get; set; }
    public DateTime? VerifiedAt { get; set; }
    public string? VerifierId { get; set; }
    public string? VerifierName { get; set; }

    /// <summary>Optimistic concurrency: every change increments it and checks the value the page loaded.</summary>
    public int Version { get; set; }
}

/// <summary>The history of a follow-up item: who changed which field when (UTC), from what to what.</summary>
public class FollowUpChange
{
    public long Id { get; set; }
    public long ItemId { get; set; }
    public FollowUpItem? Item { get; set; }
    public DateTime At { get; set; }
    public string UserName { get; set; } = "";
    public string Field { get; set; } = "";
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
}
