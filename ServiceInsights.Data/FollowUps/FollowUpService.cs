using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Records;
using ServiceInsights.Data.Users;

namespace ServiceInsights.Data.FollowUps;

/// <summary>
/// Follow-up items (整改跟踪): derived from the records (<see cref="FollowUpDerivation"/>, idempotently by their unique key),
/// opened by hand by a Manager, moved open → done → verified with every change in <see cref="FollowUpChange"/> in the same
/// transaction, and listed for the items page, the home page and the reports. Each change checks the version the page
/// loaded (another user may have changed the item a moment ago).
/// </summary>
public sealed class FollowUpService(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    /// <summary>How often a slice whose save collided with another instance's is checked and saved again.</summary>
    private const int SaveAttempts = 3;

    /// <summary>
    /// Items saved per transaction: a first derivation on a large database opens tens of thousands, and SQLite's one write
    /// lock must not be held for all of them (every other write would wait; decision 030).
    /// </summary>
    private const int SaveEvery = 1000;

    private readonly RecordDetailQuery _records = new(factory, clock);

    /// <summary>The history's name for whoever derives items from the records.</summary>
    public const string DerivedBy = "records";

    /// <summary>
    /// Opens the items the records call for at now that do not exist yet; returns how many it opened. Safe to run again
    /// and from several instances: an item that exists (by its key) is left as it is, whatever its status. The database
    /// picks the records that call for an item and have none (an anti-join on the unique key), so a run reads only those —
    /// after the first run, the records of the imports since and the complaints whose promise has passed since — however
    /// many items exist. Readers do not call it: the app derives after an import, at start and on a timer (decision 034).
    /// </summary>
    public async Task<int> SyncAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.UtcNow;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // An import committed in slices (SQLite, decision 030) may still be undone: its records wait until it has ended
        // (its own process derives then). Usually none runs, and the queries below carry no such condition.
        var running = await db.ImportBatches.AsNoTracking().Where(b => b.Status == Entities.ImportStatus.Running).Select(b => (long?)b.Id)
            .ToListAsync(cancellationToken);
        var complaints = db.Complaints.AsNoTracking();
        var callbacks = db.Callbacks.AsNoTracking();
        if (running.Count > 0)
        {
            complaints = complaints.Where(c => !running.Contains(c.ImportBatchId));
            callbacks = callbacks.Where(c => !running.Contains(c.ImportBatchId));
        }

        var items = db.FollowUpItems.AsNoTracking();
        var overdueKey = FollowUpDerivation.Key(FollowUpSource.OverdueComplaint, "");
        var capaKey = FollowUpDerivation.Key(FollowUpSource.ComplaintCapa, "");
        var callbackKey = FollowUpDerivation.Key(FollowUpSource.UnsatisfiedCallback, "");
        // Each query is the rule of FollowUpDerivation or wider (it decides), limited to the records whose item is missing.
        var overdue = await complaints
            .Where(c => c.PromisedBy < now && (c.ClosedAt == null || c.ClosedAt > c.PromisedBy) && !items.Any(i => i.DerivedKey == overdueKey + c.ComplaintNo))
            .Select(c => new ComplaintFollowUpFacts(c.ComplaintNo, c.Customer, c.PromisedBy, c.ClosedAt, c.CorrectiveAction, c.Responsible, c.Staff))
            .ToListAsync(cancellationToken);
        var closed = await complaints
            .Where(c => c.ClosedAt <= now && !items.Any(i => i.DerivedKey == capaKey + c.ComplaintNo))
            .Select(c => new ComplaintFollowUpFacts(c.ComplaintNo, c.Customer, c.PromisedBy, c.ClosedAt, c.CorrectiveAction, c.Responsible, c.Staff))
            .ToListAsync(cancellationToken);
        // No condition on the callback's time here: SQLite would walk the time index and visit every row through it (1.7 s at
        // 1M tickets) instead of scanning the table (0.2 s). A callback later than now is left out by the rule below.
        var unsatisfied = await callbacks
            .Where(c => c.Reached && (c.Satisfaction <= Reports.Callbacks.CallbackReportQuery.UnsatisfiedAtMost || c.Solved == false)
                        && !items.Any(i => i.DerivedKey == callbackKey + c.CallbackNo))
            .Select(c => new CallbackFollowUpFacts(c.CallbackNo, c.Customer, c.At, c.Reached, c.Satisfaction, c.Solved, c.Staff))
            .ToListAsync(cancellationToken);
        var derived = overdue.SelectMany(c => FollowUpDerivation.FromComplaint(c, now)).Where(d => d.Source == FollowUpSource.OverdueComplaint)
            .Concat(closed.SelectMany(c => FollowUpDerivation.FromComplaint(c, now)).Where(d => d.Source == FollowUpSource.ComplaintCapa))
            .Concat(unsatisfied.Select(c => FollowUpDerivation.FromCallback(c, now)).OfType<DerivedFollowUp>())
            .ToList();
        if (derived.Count == 0)
        {
            return 0;
        }

        var users = await AppUserQuery.ReadAsync(db, cancellationToken);
        var opened = 0;
        foreach (var slice in derived.Chunk(SaveEvery))
        {
            opened += await SaveAsync(slice, users, now, cancellationToken);
        }

        return opened;
    }

    /// <summary>
    /// Saves the items of a slice that do not exist yet, each with its history row, in one transaction. Another instance may
    /// be deriving the same items: on SQLite the transaction takes the write lock (BEGIN IMMEDIATE) before the check, so the
    /// check is exact. On SQL Server the check takes no lock: a save may collide on the unique key, and is checked and saved
    /// again.
    /// </summary>
    private async Task<int> SaveAsync(IReadOnlyList<DerivedFollowUp> slice, IReadOnlyList<AppUserRow> users, DateTime now,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var keys = slice.Select(d => d.DerivedKey).ToList();
            var existing = (await db.FollowUpItems.AsNoTracking().Where(i => keys.Contains(i.DerivedKey!)).Select(i => i.DerivedKey!)
                .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            var missing = slice.Where(d => !existing.Contains(d.DerivedKey)).ToList();
            if (missing.Count == 0)
            {
                return 0;
            }

            AddItems(db, missing, users, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return missing.Count;
            }
            catch (DbUpdateException) when (attempt < SaveAttempts)
            {
                // Another instance saved some of them a moment ago: nothing of this slice was stored; check again.
            }
        }
    }

    private void AddItems(ServiceInsightsDbContext db, IReadOnlyList<DerivedFollowUp> derived, IReadOnlyList<AppUserRow> users, DateTime now)
    {
        foreach (var d in derived)
        {
            var owner = FollowUpDerivation.MatchOwner(d, users);
            var item = new FollowUpItem
            {
                Source = d.Source, DerivedKey = d.DerivedKey, RecordKind = d.Kind.ToString(), RecordKey = d.RecordKey, Customer = Clip(d.Customer, 200),
                Action = Clip(d.Action, FollowUpItemColumns.ActionLength), OwnerId = owner?.Id, OwnerName = owner?.Name,
                Due = d.PromisedBy is { } promised ? DateOnly.FromDateTime(clock.ToLocal(promised)) : null,
                Status = FollowUpStatus.Open, CreatedAt = d.OpenedAt, CreatedBy = DerivedBy, Version = 1,
            };
            db.FollowUpItems.Add(item);
            db.FollowUpChanges.Add(new FollowUpChange { Item = item, At = now, UserName = DerivedBy, Field = "Opened", NewValue = d.DerivedKey });
        }
    }

    /// <summary>A Manager opens an item by hand about any stored record.</summary>
    public async Task<FollowUpRow> OpenAsync(FollowUpActor actor, RecordRef record, FollowUpEdit edit, CancellationToken cancellationToken = default)
    {
        if (!actor.IsManager)
        {
            throw new FollowUpException("Only a Manager opens a follow-up item by hand.", FollowUpRefusal.OnlyManagerOpens);
        }

        if (string.IsNullOrWhiteSpace(edit.Action))
        {
            throw new FollowUpException("The action is required.", FollowUpRefusal.ActionRequired);
        }

        if (!RecordDetailQuery.HasDetail(record.Kind) || await _records.LoadAsync(record, cancellationToken) is null)
        {
            throw new FollowUpException($"There is no {record.Kind} record {record.Key}.", FollowUpRefusal.NoSuchRecord, record.Kind, record.Key);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var owner = await OwnerAsync(db, edit.OwnerId, cancellationToken);
        var now = clock.UtcNow;
        var item = new FollowUpItem
        {
            Source = FollowUpSource.Manual, RecordKind = record.Kind.ToString(), RecordKey = record.Key, Action = CheckedAction(edit.Action),
            OwnerId = owner?.Id, OwnerName = owner?.Name, Due = edit.Due, Status = FollowUpStatus.Open, CreatedAt = now, CreatedBy = actor.Name, Version = 1,
        };
        db.FollowUpItems.Add(item);
        db.FollowUpChanges.Add(new FollowUpChange { Item = item, At = now, UserName = actor.Name, Field = "Opened", NewValue = $"{record.Kind}:{record.Key}" });
        AddChange(db, item, now, actor, "Action", null, item.Action);
        AddChange(db, item, now, actor, "Owner", null, item.OwnerName);
        AddChange(db, item, now, actor, "Due", null, Text(item.Due));
        await db.SaveChangesAsync(cancellationToken);
        return RowOf(item, clock.LocalNow);
    }

    /// <summary>
    /// Changes the action, owner and due date. A Manager changes all three; the owner only the action (what they will do).
    /// </summary>
    public Task<FollowUpRow> EditAsync(FollowUpActor actor, long id, int version, FollowUpEdit edit, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, id, version, async (db, item, now) =>
        {
            var isOwner = item.OwnerId == actor.UserId;
            if (!actor.IsManager && !isOwner)
            {
                throw new FollowUpException("Only the item's owner or a Manager changes it.", FollowUpRefusal.NotOwnerOrManager);
            }

            if (item.Status == FollowUpStatus.Verified)
            {
                throw new FollowUpException("A verified item is closed; it is not changed any more.", FollowUpRefusal.VerifiedIsClosed);
            }

            var action = CheckedAction(edit.Action);
            if (!actor.IsManager && (edit.OwnerId != item.OwnerId || edit.Due != item.Due))
            {
                throw new FollowUpException("Only a Manager assigns the owner and the due date.", FollowUpRefusal.OnlyManagerAssigns);
            }

            if (string.IsNullOrWhiteSpace(action))
            {
                throw new FollowUpException("The action is required.", FollowUpRefusal.ActionRequired);
            }

            var owner = edit.OwnerId == item.OwnerId ? null : await OwnerAsync(db, edit.OwnerId, cancellationToken);
            Set(db, item, now, actor, "Action", item.Action, action, v => item.Action = v);
            if (edit.OwnerId != item.OwnerId)
            {
                AddChange(db, item, now, actor, "Owner", item.OwnerName, owner?.Name);
                item.OwnerId = owner?.Id;
                item.OwnerName = owner?.Name;
            }

            if (edit.Due != item.Due)
            {
                AddChange(db, item, now, actor, "Due", Text(item.Due), Text(edit.Due));
                item.Due = edit.Due;
            }
        }, cancellationToken);

    /// <summary>The owner (or a Manager) reports the action done.</summary>
    public Task<FollowUpRow> MarkDoneAsync(FollowUpActor actor, long id, int version, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, id, version, (db, item, now) =>
        {
            if (!actor.IsManager && item.OwnerId != actor.UserId)
            {
                throw new FollowUpException("Only the item's owner or a Manager reports it done.", FollowUpRefusal.NotOwnerOrManager);
            }

            if (item.Status != FollowUpStatus.Open)
            {
                throw new FollowUpException($"The item is {item.Status}, not open.", FollowUpRefusal.NotOpen, item.Status);
            }

            switch (MissingForDone(item.OwnerId, item.Action))
            {
                case [FollowUpRefusal.NoOwner, ..]:
                    throw new FollowUpException("The item has no owner yet; a Manager assigns one first.", FollowUpRefusal.NoOwner);
                case [FollowUpRefusal.NoAction, ..]:
                    throw new FollowUpException("The item states no action yet; write what was done first.", FollowUpRefusal.NoAction);
            }

            AddChange(db, item, now, actor, "Status", item.Status.ToString(), FollowUpStatus.Done.ToString());
            item.Status = FollowUpStatus.Done;
            item.DoneAt = now;
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// A Manager or quality engineer other than the owner confirms the action took effect (§三2.6). The owner verifying their
    /// own item is refused, and nothing is stored.
    /// </summary>
    public Task<FollowUpRow> VerifyAsync(FollowUpActor actor, long id, int version, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, id, version, (db, item, now) =>
        {
            CheckVerifier(actor, item);
            AddChange(db, item, now, actor, "Status", item.Status.ToString(), FollowUpStatus.Verified.ToString());
            AddChange(db, item, now, actor, "Verifier", null, actor.Name);
            item.Status = FollowUpStatus.Verified;
            item.VerifiedAt = now;
            item.VerifierId = actor.UserId;
            item.VerifierName = actor.Name;
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>The verifier sends a done item back to its owner (the action did not take effect).</summary>
    public Task<FollowUpRow> SendBackAsync(FollowUpActor actor, long id, int version, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, id, version, (db, item, now) =>
        {
            CheckVerifier(actor, item);
            AddChange(db, item, now, actor, "Status", item.Status.ToString(), FollowUpStatus.Open.ToString());
            item.Status = FollowUpStatus.Open;
            item.DoneAt = null;
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// The items of a list at now: Staff see only their own (<see cref="FollowUpActor.SeesEveryone"/>), whatever the filter
    /// asks. Overdue first, then oldest.
    /// </summary>
    public async Task<IReadOnlyList<FollowUpRow>> ListAsync(FollowUpActor actor, FollowUpFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.FollowUpItems.AsNoTracking();
        var owner = actor.SeesEveryone ? filter.OwnerId : actor.UserId;
        if (owner is not null)
        {
            query = query.Where(i => i.OwnerId == owner);
        }

        if (filter.Source is { } source)
        {
            query = query.Where(i => i.Source == source);
        }

        var today = clock.Today;
        query = filter.View switch
        {
            FollowUpView.Open => query.Where(i => i.Status != FollowUpStatus.Verified),
            FollowUpView.Overdue => query.Where(i => i.Status != FollowUpStatus.Verified && i.Due != null && i.Due < today),
            FollowUpView.Verified => query.Where(i => i.Status == FollowUpStatus.Verified),
            _ => query,
        };
        var items = await query.ToListAsync(cancellationToken);
        var now = clock.LocalNow;
        return [.. items.Select(i => RowOf(i, now)).OrderByDescending(r => r.DaysOverdue).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id)];
    }

    /// <summary>
    /// The items of these sources not verified at <paramref name="asOfUtc"/> (opened by then), each with its status, age and
    /// overdue state as of then: what a month's report carries over until verified. Overdue first, then oldest.
    /// </summary>
    public async Task<IReadOnlyList<FollowUpRow>> CarriedAsync(IReadOnlyCollection<FollowUpSource> sources, RecordKind kind, DateTime asOfUtc,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var kindName = kind.ToString();
        var items = await db.FollowUpItems.AsNoTracking()
            .Where(i => sources.Contains(i.Source) && i.RecordKind == kindName && i.CreatedAt <= asOfUtc && (i.VerifiedAt == null || i.VerifiedAt > asOfUtc))
            .ToListAsync(cancellationToken);
        var asOf = clock.ToLocal(asOfUtc);
        return [.. items.Select(i => RowOf(AsOf(i, asOfUtc), asOf)).OrderByDescending(r => r.DaysOverdue).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id)];
    }

    /// <summary>The complaints (of those given) whose CAPA item was verified by <paramref name="asOfUtc"/>.</summary>
    public async Task<IReadOnlySet<string>> VerifiedCapaAsync(IReadOnlyCollection<string> complaintNos, DateTime asOfUtc, CancellationToken cancellationToken = default)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var kind = RecordKind.Complaints.ToString();
        foreach (var chunk in complaintNos.Distinct().Chunk(500))
        {
            result.UnionWith(await db.FollowUpItems.AsNoTracking()
                .Where(i => i.Source == FollowUpSource.ComplaintCapa && i.RecordKind == kind && chunk.Contains(i.RecordKey) && i.VerifiedAt != null && i.VerifiedAt <= asOfUtc)
                .Select(i => i.RecordKey)
                .ToListAsync(cancellationToken));
        }

        return result;
    }

    /// <summary>The items about one record, newest first (the record drawer).</summary>
    public async Task<IReadOnlyList<FollowUpRow>> OfRecordAsync(RecordRef record, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var kind = record.Kind.ToString();
        var items = await db.FollowUpItems.AsNoTracking().Where(i => i.RecordKind == kind && i.RecordKey == record.Key).ToListAsync(cancellationToken);
        var now = clock.LocalNow;
        return [.. items.Select(i => RowOf(i, now)).OrderByDescending(r => r.CreatedAt)];
    }

    public async Task<IReadOnlyList<FollowUpHistoryRow>> HistoryAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var changes = await db.FollowUpChanges.AsNoTracking().Where(c => c.ItemId == id).OrderBy(c => c.At).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        return [.. changes.Select(c => new FollowUpHistoryRow(clock.ToLocal(c.At), c.UserName, c.Field, c.OldValue, c.NewValue))];
    }

    private async Task<FollowUpRow> ChangeAsync(FollowUpActor actor, long id, int version, Func<ServiceInsightsDbContext, FollowUpItem, DateTime, Task> change,
        CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var item = await db.FollowUpItems.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new FollowUpException($"Follow-up item {id} does not exist.", FollowUpRefusal.NoSuchItem, id);
        if (item.Version != version)
        {
            throw Stale();
        }

        var now = clock.UtcNow;
        await change(db, item, now);
        item.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Stale();
        }

        await transaction.CommitAsync(cancellationToken);
        return RowOf(item, clock.LocalNow);
    }

    /// <summary>What an item lacks before it may be reported done, in the order it is refused for: an owner, an action.</summary>
    public static IReadOnlyList<FollowUpRefusal> MissingForDone(string? ownerId, string? action) =>
    [
        .. ownerId is null ? [FollowUpRefusal.NoOwner] : Array.Empty<FollowUpRefusal>(),
        .. string.IsNullOrWhiteSpace(action) ? [FollowUpRefusal.NoAction] : Array.Empty<FollowUpRefusal>(),
    ];

    private static FollowUpException Stale() => new("Someone else changed this item a moment ago; nothing was stored. Reload it and try again.", FollowUpRefusal.Stale);

    private static void CheckVerifier(FollowUpActor actor, FollowUpItem item)
    {
        if (!actor.MayVerify)
        {
            throw new FollowUpException("Only a Manager or a quality engineer verifies an item.", FollowUpRefusal.NotAVerifier);
        }

        if (item.OwnerId == actor.UserId)
        {
            throw new FollowUpException("An item is verified by someone other than its owner; nothing was stored.", FollowUpRefusal.OwnItem);
        }

        if (item.Status != FollowUpStatus.Done)
        {
            throw new FollowUpException($"The item is {item.Status}; only a done item is verified or sent back.", FollowUpRefusal.NotDone, item.Status);
        }
    }

    private static async Task<AppUserRow?> OwnerAsync(ServiceInsightsDbContext db, string? ownerId, CancellationToken cancellationToken)
    {
        if (ownerId is null)
        {
            return null;
        }

        return await AppUserQuery.FindAsync(db, ownerId, cancellationToken)
            ?? throw new FollowUpException("The owner is not a user of the app.", FollowUpRefusal.OwnerNotAUser);
    }

    private static string? CheckedAction(string? action)
    {
        var value = string.IsNullOrWhiteSpace(action) ? null : action.Trim();
        return value is { Length: > FollowUpItemColumns.ActionLength }
            ? throw new FollowUpException($"The action is longer than {FollowUpItemColumns.ActionLength} characters.", FollowUpRefusal.ActionTooLong, FollowUpItemColumns.ActionLength)
            : value;
    }

    /// <summary>The item as it stood at as-of: a later verification or report of done is not known yet.</summary>
    private static FollowUpItem AsOf(FollowUpItem i, DateTime asOfUtc)
    {
        if (i.DoneAt > asOfUtc && i.Status != FollowUpStatus.Open)
        {
            i.Status = FollowUpStatus.Open;
        }
        else if (i.VerifiedAt > asOfUtc)
        {
            i.Status = FollowUpStatus.Done;
        }

        return i;
    }

    private FollowUpRow RowOf(FollowUpItem i, DateTime asOfLocal)
    {
        var today = DateOnly.FromDateTime(asOfLocal);
        var created = clock.ToLocal(i.CreatedAt);
        var overdueDays = i.Status != FollowUpStatus.Verified && i.Due is { } due && due < today ? today.DayNumber - due.DayNumber : 0;
        return new FollowUpRow(i.Id, i.Source, i.RecordKind, i.RecordKey, i.Customer, i.Action, i.OwnerId, i.OwnerName, i.Due, i.Status, created,
            i.CreatedBy, clock.ToLocal(i.DoneAt), clock.ToLocal(i.VerifiedAt), i.VerifierName, i.Version,
            Math.Max(0, today.DayNumber - DateOnly.FromDateTime(created).DayNumber), overdueDays > 0)
        {
            DaysOverdue = overdueDays,
        };
    }

    private static void Set(ServiceInsightsDbContext db, FollowUpItem item, DateTime now, FollowUpActor actor, string field, string? before, string? after,
        Action<string?> apply)
    {
        if (before != after)
        {
            AddChange(db, item, now, actor, field, before, after);
            apply(after);
        }
    }

    private static void AddChange(ServiceInsightsDbContext db, FollowUpItem item, DateTime now, FollowUpActor actor, string field, string? before, string? after)
    {
        if (before != after)
        {
            db.FollowUpChanges.Add(new FollowUpChange { Item = item, ItemId = item.Id, At = now, UserName = actor.Name, Field = field, OldValue = before, NewValue = after });
        }
    }

    private static string? Text(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Clip(string? text, int length) => text is null ? null : text.Length <= length ? text : text[..length];
}
