using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Delivery;

/// <summary>A subscription as the page, the scheduler and the verb see it. <see cref="At"/> is department local time.</summary>
public sealed record DeliverySubscription(
    long Id, string Name, IReadOnlyList<string> Reports, IReadOnlyList<string> Formats, string Language,
    IReadOnlyList<string> RecipientRoles, IReadOnlyList<string> RecipientEmails, int? WorkingDay, TimeOnly At, bool OnClose, bool Enabled,
    DateTime CreatedAtUtc = default, DateTime UpdatedAtUtc = default, string UpdatedBy = "");

/// <summary>
/// One line of the delivery log; times in the department's time zone. A failed send has its <see cref="Failure"/> kind, which
/// the page words, and <see cref="Error"/> is the detail beneath it: what the SMTP server said, the configuration key, or the
/// exception of a mail that could not be built (null when the kind says it all). Rows written before the kind was stored for
/// every failure have no kind, and <see cref="Error"/> is the English reason.
/// </summary>
public sealed record DeliverySend(
    long Id, string Key, long? SubscriptionId, string Subscription, string Month, DeliveryOccasion Occasion, string Recipient, IReadOnlyList<string> Files,
    IReadOnlyList<string> Refused, bool MonthClosed, DeliveryStatus Status, int Attempts, string? Error, DateTime CreatedAt,
    DateTime? NextAttemptAt, DateTime? SentAt, DeliveryFailure? Failure = null);

/// <summary>A subscription change in the audit, newest first.</summary>
public sealed record DeliverySubscriptionChangeRow(long Id, DateTime At, string User, string Subscription, string Action, string? OldValue, string? NewValue);

/// <summary>
/// A subscription that cannot be stored or run: the message names the field and the reason (the verb and the log print it);
/// <see cref="RefusalException{TReason}.Reason"/> and its arguments say the same for the page in its language
/// (<c>Delivery.Error.{Reason}</c>).
/// </summary>
public sealed class InvalidSubscriptionException(string message, SubscriptionRefusal reason, params object[] args)
    : RefusalException<SubscriptionRefusal>(message, reason, args);

/// <summary>Why a subscription was not stored or run; each has its sentence in the UI's resources.</summary>
public enum SubscriptionRefusal
{
    /// <summary>The name is empty or too long. Args: the longest length.</summary>
    Name,

    /// <summary>Another subscription has the name. Args: the name.</summary>
    NameTaken,

    /// <summary>The subscription was deleted by someone else. Args: its name (empty when deleting).</summary>
    Gone,

    /// <summary>No subscription has the name asked for. Args: the name.</summary>
    NoSuchSubscription,

    /// <summary>No report chosen.</summary>
    NoReport,

    /// <summary>A report that is not one of the app's. Args: the report, the app's reports.</summary>
    UnknownReport,

    /// <summary>Neither PDF nor Excel chosen.</summary>
    NoFormat,

    /// <summary>A language other than zh-CN and en-US. Args: the language.</summary>
    Language,

    /// <summary>Neither a role nor a user chosen.</summary>
    NoRecipient,

    /// <summary>A role that is not one of the app's. Args: the role.</summary>
    NotARole,

    /// <summary>More users named than the column holds.</summary>
    TooManyUsers,

    /// <summary>A chosen role may open none of the chosen reports. Args: the role.</summary>
    RoleMayOpenNone,

    /// <summary>A named address is not a user's. Args: the addresses.</summary>
    NotAUser,

    /// <summary>A named user's role may open none of the chosen reports. Args: the address.</summary>
    UserMayOpenNone,

    /// <summary>Neither a working day nor "on close" chosen.</summary>
    NoWhen,

    /// <summary>The working day is out of range. Args: the largest, the one given.</summary>
    WorkingDay,
}

/// <summary>
/// The subscriptions (every write audited in <c>DeliverySubscriptionChanges</c> in the same transaction, as the settings
/// are) and the delivery log. The log's <see cref="TryClaimAsync"/> is what makes a send happen once across instances: the
/// unique delivery key is inserted before the mail goes out, and only the inserter sends.
/// </summary>
public sealed class DeliveryStore(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    public const string Created = "created";
    public const string Changed = "changed";
    public const string Deleted = "deleted";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<IReadOnlyList<DeliverySubscription>> SubscriptionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.DeliverySubscriptions.AsNoTracking().OrderBy(s => s.Name).ToListAsync(cancellationToken);
        return [.. rows.Select(ToSubscription)];
    }

    public async Task<DeliverySubscription?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.DeliverySubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Name == name.Trim(), cancellationToken);
        return row is null ? null : ToSubscription(row);
    }

    public async Task<DeliverySubscription?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.DeliverySubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return row is null ? null : ToSubscription(row);
    }

    /// <summary>Creates (Id 0) or changes a subscription and records the change.</summary>
    /// <exception cref="InvalidSubscriptionException">A field is missing or out of range, or the name is taken.</exception>
    public async Task<DeliverySubscription> SaveAsync(DeliverySubscription subscription, string user, CancellationToken cancellationToken = default)
    {
        Validate(subscription);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var name = subscription.Name.Trim();
        if (await db.DeliverySubscriptions.AnyAsync(s => s.Name == name && s.Id != subscription.Id, cancellationToken))
        {
            throw new InvalidSubscriptionException($"Name: a subscription named '{name}' exists already.", SubscriptionRefusal.NameTaken, name);
        }

        var now = clock.UtcNow;
        DeliverySubscriptionRecord row;
        string? before = null;
        if (subscription.Id == 0)
        {
            row = new DeliverySubscriptionRecord { CreatedAt = now };
            db.DeliverySubscriptions.Add(row);
        }
        else
        {
            row = await db.DeliverySubscriptions.SingleOrDefaultAsync(s => s.Id == subscription.Id, cancellationToken)
                ?? throw new InvalidSubscriptionException($"The subscription '{name}' no longer exists; it was deleted by someone else.", SubscriptionRefusal.Gone, name);
            before = Describe(ToSubscription(row));
        }

        row.Name = name;
        row.Reports = string.Join(',', subscription.Reports);
        row.Formats = string.Join(',', subscription.Formats);
        row.Language = subscription.Language;
        row.RecipientRoles = string.Join(',', subscription.RecipientRoles);
        row.RecipientEmails = string.Join(',', subscription.RecipientEmails.Select(e => e.Trim()));
        row.WorkingDay = subscription.WorkingDay;
        row.AtMinutes = subscription.At.Hour * 60 + subscription.At.Minute;
        row.OnClose = subscription.OnClose;
        row.Enabled = subscription.Enabled;
        row.UpdatedAt = now;
        row.UpdatedBy = user;
        var after = ToSubscription(row);
        db.DeliverySubscriptionChanges.Add(new DeliverySubscriptionChange
        {
            At = now, UserName = user, Subscription = name, Action = before is null ? Created : Changed, OldValue = before, NewValue = Describe(after),
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ToSubscription(row);
    }

    /// <summary>Deletes a subscription (its log stays) and records it.</summary>
    public async Task DeleteAsync(long id, string user, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.DeliverySubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new InvalidSubscriptionException("The subscription no longer exists; it was deleted by someone else.", SubscriptionRefusal.Gone, "");
        db.DeliverySubscriptions.Remove(row);
        db.DeliverySubscriptionChanges.Add(new DeliverySubscriptionChange
        {
            At = clock.UtcNow, UserName = user, Subscription = row.Name, Action = Deleted, OldValue = Describe(ToSubscription(row)),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeliverySubscriptionChangeRow>> ChangesAsync(int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.DeliverySubscriptionChanges.AsNoTracking().OrderByDescending(c => c.Id).Take(take).ToListAsync(cancellationToken);
        return [.. rows.Select(c => new DeliverySubscriptionChangeRow(c.Id, clock.ToLocal(c.At), c.UserName, c.Subscription, c.Action, c.OldValue, c.NewValue))];
    }

    /// <summary>
    /// Inserts the send under its key, status <see cref="DeliveryStatus.Sending"/>, attempt 1. False when the key is taken:
    /// another instance (or an earlier fire) has this send, and this caller must not send it.
    /// </summary>
    public async Task<long?> TryClaimAsync(string key, DeliverySubscription? subscription, string subscriptionName, ReportMonth month,
        DeliveryOccasion occasion, string recipient, IReadOnlyList<string> files, IReadOnlyList<string> refused, bool monthClosed,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.DeliverySends.AnyAsync(s => s.DeliveryKey == key, cancellationToken))
        {
            return null;
        }

        var row = new DeliverySendRecord
        {
            DeliveryKey = key, SubscriptionId = subscription?.Id, SubscriptionName = subscriptionName, Month = month.ToString(),
            Occasion = occasion.ToString(), Recipient = recipient, Files = Clip(string.Join('\n', files), 2000),
            Refused = Clip(string.Join('\n', refused), 500), MonthClosed = monthClosed, Status = nameof(DeliveryStatus.Sending), Attempts = 1,
            CreatedAt = clock.UtcNow,
        };
        db.DeliverySends.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return row.Id;
        }
        catch (DbUpdateException)
        {
            // The unique key: someone inserted it between the check and the insert.
            return null;
        }
    }

    /// <summary>
    /// Claims a send due for another attempt: moves it from Retrying with <paramref name="attempts"/> to Sending with one more,
    /// in one conditional update, so of two instances retrying at once only one sends.
    /// </summary>
    public async Task<bool> TryClaimRetryAsync(long id, int attempts, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var retrying = nameof(DeliveryStatus.Retrying);
        var sending = nameof(DeliveryStatus.Sending);
        return await db.DeliverySends.Where(s => s.Id == id && s.Status == retrying && s.Attempts == attempts)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, sending).SetProperty(s => s.Attempts, attempts + 1)
                .SetProperty(s => s.NextAttemptAt, (DateTime?)null), cancellationToken) == 1;
    }

    public async Task MarkSentAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var sent = nameof(DeliveryStatus.Sent);
        var now = clock.UtcNow;
        await db.DeliverySends.Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, sent).SetProperty(s => s.SentAt, now).SetProperty(s => s.Error, (string?)null)
                .SetProperty(s => s.Failure, (string?)null), cancellationToken);
    }

    /// <summary>
    /// Records a failed attempt: Retrying at <paramref name="nextAttemptUtc"/>, or Failed when null (the attempts ran out).
    /// The page words the <paramref name="failure"/> kind; <paramref name="detail"/> is shown beneath it as it is (what the
    /// server said, the key, the exception), or null.
    /// </summary>
    public async Task MarkFailedAsync(long id, DeliveryFailure failure, string? detail, DateTime? nextAttemptUtc,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var status = nextAttemptUtc is null ? nameof(DeliveryStatus.Failed) : nameof(DeliveryStatus.Retrying);
        var text = detail is null ? null : Clip(detail, DeliveryColumns.ErrorLength);
        var kind = failure.ToString();
        await db.DeliverySends.Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, status).SetProperty(s => s.Error, text).SetProperty(s => s.NextAttemptAt, nextAttemptUtc)
                .SetProperty(s => s.Failure, kind), cancellationToken);
    }

    /// <summary>The sends waiting for another attempt whose time has come.</summary>
    public async Task<IReadOnlyList<DeliverySend>> DueRetriesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var retrying = nameof(DeliveryStatus.Retrying);
        var now = clock.UtcNow;
        var rows = await db.DeliverySends.AsNoTracking().Where(s => s.Status == retrying && s.NextAttemptAt <= now).OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToSend)];
    }

    /// <summary>Whether any send of this subscription, month and occasion exists (the scheduler's "already done").</summary>
    public async Task<bool> AnySendAsync(string keyPrefix, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.DeliverySends.AnyAsync(s => s.DeliveryKey.StartsWith(keyPrefix), cancellationToken);
    }

    /// <summary>The newest sends, newest first.</summary>
    public async Task<IReadOnlyList<DeliverySend>> LogAsync(int take = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.DeliverySends.AsNoTracking().OrderByDescending(s => s.Id).Take(take).ToListAsync(cancellationToken);
        return [.. rows.Select(ToSend)];
    }

    public async Task<DeliverySend?> SendAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.DeliverySends.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return row is null ? null : ToSend(row);
    }

    /// <summary>The closes in force made at or after <paramref name="sinceUtc"/>: what an on-close subscription still owes.</summary>
    public async Task<IReadOnlyList<(ReportMonth Month, int Revision)>> ClosesSinceAsync(DateTime sinceUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.MonthCloses.AsNoTracking().Where(c => c.ReopenedAt == null && c.ClosedAt >= sinceUtc)
            .Select(c => new { c.Month, c.Revision }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (ReportMonth.Parse(r.Month), r.Revision))];
    }

    public static void Validate(DeliverySubscription s)
    {
        if (string.IsNullOrWhiteSpace(s.Name) || s.Name.Trim().Length > DeliveryColumns.NameLength)
        {
            throw new InvalidSubscriptionException($"Name: give a name of at most {DeliveryColumns.NameLength} characters.", SubscriptionRefusal.Name,
                DeliveryColumns.NameLength);
        }

        if (s.Reports.Count == 0)
        {
            throw new InvalidSubscriptionException("Reports: choose at least one report.", SubscriptionRefusal.NoReport);
        }

        if (s.Formats.Count == 0 || s.Formats.Any(f => f is not ("pdf" or "xlsx")))
        {
            throw new InvalidSubscriptionException("Formats: choose PDF, Excel or both.", SubscriptionRefusal.NoFormat);
        }

        if (s.Language is not ("zh-CN" or "en-US"))
        {
            throw new InvalidSubscriptionException($"Language: '{s.Language}' is not zh-CN or en-US.", SubscriptionRefusal.Language, s.Language);
        }

        if (s.RecipientRoles.Count == 0 && s.RecipientEmails.Count == 0)
        {
            throw new InvalidSubscriptionException("Recipients: choose a role or name a user.", SubscriptionRefusal.NoRecipient);
        }

        if (s.RecipientRoles.FirstOrDefault(r => AppRoles.Normalize(r) != r) is { } role)
        {
            throw new InvalidSubscriptionException($"Recipients: '{role}' is not a role.", SubscriptionRefusal.NotARole, role);
        }

        if (s.WorkingDay is null && !s.OnClose)
        {
            throw new InvalidSubscriptionException("When: choose a working day, 'when the month is closed', or both.", SubscriptionRefusal.NoWhen);
        }

        if (s.WorkingDay is < 1 or > DeliverySchedule.MaxWorkingDay)
        {
            throw new InvalidSubscriptionException($"When: the working day is 1 to {DeliverySchedule.MaxWorkingDay}, not {s.WorkingDay}.", SubscriptionRefusal.WorkingDay,
                DeliverySchedule.MaxWorkingDay, s.WorkingDay);
        }

        if (string.Join(',', s.RecipientEmails).Length > DeliveryColumns.ListLength)
        {
            throw new InvalidSubscriptionException("Recipients: too many users named.", SubscriptionRefusal.TooManyUsers);
        }
    }

    private static string Describe(DeliverySubscription s) => JsonSerializer.Serialize(new
    {
        s.Reports, s.Formats, s.Language, s.RecipientRoles, s.RecipientEmails, s.WorkingDay, At = s.At.ToString("HH:mm"), s.OnClose, s.Enabled,
    }, Json);

    private static DeliverySubscription ToSubscription(DeliverySubscriptionRecord r) => new(
        r.Id, r.Name, Split(r.Reports), Split(r.Formats), r.Language, Split(r.RecipientRoles), Split(r.RecipientEmails), r.WorkingDay,
        new TimeOnly(r.AtMinutes / 60, r.AtMinutes % 60), r.OnClose, r.Enabled, r.CreatedAt, r.UpdatedAt, r.UpdatedBy);

    private DeliverySend ToSend(DeliverySendRecord r) => new(
        r.Id, r.DeliveryKey, r.SubscriptionId, r.SubscriptionName, r.Month, Enum.Parse<DeliveryOccasion>(r.Occasion), r.Recipient, Lines(r.Files), Lines(r.Refused),
        r.MonthClosed, Enum.Parse<DeliveryStatus>(r.Status), r.Attempts, r.Error, clock.ToLocal(r.CreatedAt), clock.ToLocal(r.NextAttemptAt),
        clock.ToLocal(r.SentAt), Enum.TryParse<DeliveryFailure>(r.Failure, out var failure) ? failure : null);

    private static IReadOnlyList<string> Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IReadOnlyList<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
