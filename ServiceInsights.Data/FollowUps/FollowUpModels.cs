using ServiceInsights.Data.Domain;

namespace ServiceInsights.Data.FollowUps;

/// <summary>Who acts on a follow-up item: the signed-in user's Identity id, display name and roles.</summary>
public sealed record FollowUpActor(string UserId, string Name, IReadOnlyList<string> Roles)
{
    /// <summary>Managers open items by hand, assign owners and due dates, and act on anyone's items.</summary>
    public bool IsManager => Roles.Contains(AppRoles.Manager);

    /// <summary>The roles that may verify an item (§三2.6): Managers and quality engineers.</summary>
    public bool MayVerify => Roles.Contains(AppRoles.Manager) || Roles.Contains(AppRoles.QualityEngineer);

    /// <summary>Managers and quality engineers see every item; Staff only their own.</summary>
    public bool SeesEveryone => MayVerify;
}

/// <summary>
/// A change refused for a reason the user must read (verifying one's own item, a stale page…); nothing was stored. The
/// message is English (the log); <see cref="Reason"/> and <see cref="Args"/> say the same for the page in its language
/// (<c>FollowUps.Refused.{Reason}</c>).
/// </summary>
public sealed class FollowUpException(string message, FollowUpRefusal reason, params object[] args)
    : RefusalException<FollowUpRefusal>(message, reason, args);

/// <summary>Why a change of a follow-up item was refused; each has its sentence in the UI's resources.</summary>
public enum FollowUpRefusal
{
    /// <summary>Only a Manager opens an item by hand.</summary>
    OnlyManagerOpens,

    /// <summary>The action is empty.</summary>
    ActionRequired,

    /// <summary>The action is longer than the column; args: the limit.</summary>
    ActionTooLong,

    /// <summary>No such record to open an item about; args: the record kind, its key.</summary>
    NoSuchRecord,

    /// <summary>No such item (deleted, or a wrong id); args: its id.</summary>
    NoSuchItem,

    /// <summary>The item changed since the page loaded it.</summary>
    Stale,

    /// <summary>Neither the owner nor a Manager changes it.</summary>
    NotOwnerOrManager,

    /// <summary>Only a Manager assigns the owner and the due date.</summary>
    OnlyManagerAssigns,

    /// <summary>The owner named is not a user of the app.</summary>
    OwnerNotAUser,

    /// <summary>A verified item is not changed any more.</summary>
    VerifiedIsClosed,

    /// <summary>Only an open item is reported done; args: its status.</summary>
    NotOpen,

    /// <summary>Reported done without an owner.</summary>
    NoOwner,

    /// <summary>Reported done without an action.</summary>
    NoAction,

    /// <summary>Only a Manager or a quality engineer verifies or sends back.</summary>
    NotAVerifier,

    /// <summary>The owner verifying (or sending back) their own item.</summary>
    OwnItem,

    /// <summary>Only a done item is verified or sent back; args: its status.</summary>
    NotDone,
}

/// <summary>Which items a list shows: open (not verified), overdue (open past the due date), verified or all.</summary>
public enum FollowUpView { Open, Overdue, Verified, All }

/// <summary>The filters of the items page: the view, the owner (null: everyone's) and the source (null: all).</summary>
public sealed record FollowUpFilter(FollowUpView View = FollowUpView.Open, string? OwnerId = null, FollowUpSource? Source = null);

/// <summary>
/// A follow-up item as a list shows it at an as-of time (local): <see cref="Status"/> is its status then (a later
/// verification is not known yet), <see cref="AgeDays"/> the calendar days from when it was opened to the as-of day,
/// <see cref="Overdue"/> not verified and past its due date. <see cref="CreatedAt"/> is when the need arose: the
/// complaint's closing (CAPA), its promised-by time, the callback's time, or when a Manager opened it.
/// </summary>
public sealed record FollowUpRow(
    long Id, FollowUpSource Source, string RecordKind, string RecordKey, string? Customer, string? Action, string? OwnerId,
    string? OwnerName, DateOnly? Due, FollowUpStatus Status, DateTime CreatedAt, string CreatedBy, DateTime? DoneAt,
    DateTime? VerifiedAt, string? VerifierName, int Version, int AgeDays, bool Overdue)
{
    /// <summary>Days past the due date at the as-of day; 0 when not overdue.</summary>
    public int DaysOverdue { get; init; }

    /// <summary>
    /// What the item lacks before it may be reported done (<see cref="FollowUpService.MarkDoneAsync"/> refuses it for the
    /// first): an owner, an action. Empty when it lacks nothing.
    /// </summary>
    public IReadOnlyList<FollowUpRefusal> MissingForDone => FollowUpService.MissingForDone(OwnerId, Action);
}

/// <summary>One change of an item: when (local), who, which field, from what to what.</summary>
public sealed record FollowUpHistoryRow(DateTime At, string UserName, string Field, string? OldValue, string? NewValue);

/// <summary>A Manager's edit of an item: the action, the owner (a user's id) and the due date.</summary>
public sealed record FollowUpEdit(string? Action, string? OwnerId, DateOnly? Due);
