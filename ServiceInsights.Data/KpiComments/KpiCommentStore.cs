using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Users;

namespace ServiceInsights.Data.KpiComments;

/// <summary>A comment as the pages and reports show it; times local.</summary>
public sealed record KpiCommentView(long Id, ReportMonth Month, string RuleId, string Cause, string Action, string OwnerId, string OwnerName,
    DateOnly Due, DateTime UpdatedAt, string UpdatedBy, int Version);

/// <summary>What a Manager writes: the cause, the action, its owner (a user's id) and its due date.</summary>
public sealed record KpiCommentDraft(string Cause, string Action, string OwnerId, DateOnly? Due);

/// <summary>A comment refused (not a Manager, a field missing, a stale editor); nothing was stored.</summary>
public sealed class KpiCommentException(string message, KpiCommentRefusal reason, params object[] args)
    : RefusalException<KpiCommentRefusal>(message, reason, args);

/// <summary>Why a comment was not saved; each has its sentence in the UI's resources.</summary>
public enum KpiCommentRefusal
{
    /// <summary>Only a Manager writes a comment.</summary>
    OnlyManagerWrites,

    /// <summary>No rule of that ID. Args: the ID.</summary>
    NoRule,

    /// <summary>The cause is empty.</summary>
    CauseRequired,

    /// <summary>The action is empty.</summary>
    ActionRequired,

    /// <summary>The cause is too long. Args: the longest length.</summary>
    CauseTooLong,

    /// <summary>The action is too long. Args: the longest length.</summary>
    ActionTooLong,

    /// <summary>The due date is empty.</summary>
    DueRequired,

    /// <summary>The owner is empty or not a user.</summary>
    OwnerRequired,

    /// <summary>Someone else saved in between.</summary>
    Stale,
}

/// <summary>
/// Comments on missed KPIs (未达标说明): one per rule and month, written by a Manager, every change in
/// <see cref="KpiCommentChange"/> in the same transaction, optimistic versioning like the 8D save. A comment is live data:
/// it is shown wherever the rule is, also for a closed month (the archived files of a close are not rewritten; see
/// docs/decisions/028-follow-ups-and-kpi-comments.md).
/// </summary>
public sealed class KpiCommentStore(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    public async Task<IReadOnlyList<KpiCommentView>> ForMonthAsync(ReportMonth month, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var key = month.ToString();
        var comments = await db.KpiComments.AsNoTracking().Where(c => c.Month == key).ToListAsync(cancellationToken);
        return [.. comments.Select(ViewOf).OrderBy(c => MetricCatalog.All.ToList().FindIndex(d => d.Id == c.RuleId))];
    }

    public async Task<IReadOnlyList<KpiCommentHistoryRow>> HistoryAsync(ReportMonth month, string ruleId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var key = month.ToString();
        var id = await db.KpiComments.AsNoTracking().Where(c => c.Month == key && c.RuleId == ruleId).Select(c => (long?)c.Id).SingleOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            return [];
        }

        var changes = await db.KpiCommentChanges.AsNoTracking().Where(c => c.CommentId == id).OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        return [.. changes.Select(c => new KpiCommentHistoryRow(clock.ToLocal(c.At), c.UserName, c.Field, c.OldValue, c.NewValue))];
    }

    /// <summary>
    /// Writes the comment of a rule and month. <paramref name="version"/> is the version the editor loaded (0 for a new
    /// comment); a different stored version means someone else saved in between, and nothing is stored.
    /// </summary>
    public async Task<KpiCommentView> SaveAsync(FollowUpActor actor, ReportMonth month, string ruleId, KpiCommentDraft draft, int version,
        CancellationToken cancellationToken = default)
    {
        if (!actor.IsManager)
        {
            throw new KpiCommentException("Only a Manager writes a comment on a KPI.", KpiCommentRefusal.OnlyManagerWrites);
        }

        var rule = MetricCatalog.All.SingleOrDefault(d => d.Id == ruleId) ?? throw new KpiCommentException($"There is no rule {ruleId}.", KpiCommentRefusal.NoRule, ruleId);
        var cause = Required(draft.Cause, "cause", KpiCommentRefusal.CauseRequired, KpiCommentRefusal.CauseTooLong);
        var action = Required(draft.Action, "action", KpiCommentRefusal.ActionRequired, KpiCommentRefusal.ActionTooLong);
        var due = draft.Due ?? throw new KpiCommentException("The due date is required.", KpiCommentRefusal.DueRequired);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == draft.OwnerId).Select(u => new { u.Id, u.DisplayName, u.Email }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new KpiCommentException("The owner is required and must be a user of the app.", KpiCommentRefusal.OwnerRequired);
        var ownerName = AppUserQuery.NameOf(owner.DisplayName, owner.Email, owner.Id);
        var key = month.ToString();
        var comment = await db.KpiComments.SingleOrDefaultAsync(c => c.Month == key && c.RuleId == rule.Id, cancellationToken);
        if ((comment?.Version ?? 0) != version)
        {
            throw Stale();
        }

        var now = clock.UtcNow;
        if (comment is null)
        {
            comment = new KpiComment { Month = key, RuleId = rule.Id };
            db.KpiComments.Add(comment);
        }

        Change(db, comment, now, actor, "Cause", comment.Id == 0 ? null : comment.Cause, cause);
        Change(db, comment, now, actor, "Action", comment.Id == 0 ? null : comment.Action, action);
        Change(db, comment, now, actor, "Owner", comment.Id == 0 ? null : comment.OwnerName, ownerName);
        Change(db, comment, now, actor, "Due", comment.Id == 0 ? null : Text(comment.Due), Text(due));
        comment.Cause = cause;
        comment.Action = action;
        comment.OwnerId = owner.Id;
        comment.OwnerName = ownerName;
        comment.Due = due;
        comment.UpdatedAt = now;
        comment.UpdatedBy = actor.Name;
        comment.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw Stale();
        }

        await transaction.CommitAsync(cancellationToken);
        return ViewOf(comment);
    }

    private static KpiCommentException Stale() =>
        new("Someone else saved this comment a moment ago; nothing was stored. Reload it and try again.", KpiCommentRefusal.Stale);

    private static string Required(string? text, string what, KpiCommentRefusal empty, KpiCommentRefusal tooLong)
    {
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            throw new KpiCommentException($"The {what} is required.", empty);
        }

        return value.Length > KpiCommentColumns.TextLength
            ? throw new KpiCommentException($"The {what} is longer than {KpiCommentColumns.TextLength} characters.", tooLong, KpiCommentColumns.TextLength)
            : value;
    }

    private static void Change(ServiceInsightsDbContext db, KpiComment comment, DateTime now, FollowUpActor actor, string field, string? before, string after)
    {
        if (before != after)
        {
            db.KpiCommentChanges.Add(new KpiCommentChange { Comment = comment, At = now, UserName = actor.Name, Field = field, OldValue = before, NewValue = after });
        }
    }

    private KpiCommentView ViewOf(KpiComment c) => new(c.Id, ReportMonth.Parse(c.Month), c.RuleId, c.Cause, c.Action, c.OwnerId, c.OwnerName, c.Due,
        clock.ToLocal(c.UpdatedAt), c.UpdatedBy, c.Version);

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One change of a comment: when (local), who, which field, from what to what.</summary>
public sealed record KpiCommentHistoryRow(DateTime At, string UserName, string Field, string? OldValue, string? NewValue);
