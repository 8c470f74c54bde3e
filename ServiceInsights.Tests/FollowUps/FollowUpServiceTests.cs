using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Records;
using ServiceInsights.Data.Reports.Complaints;
using ServiceInsights.Data.Settings;
using ServiceInsights.Tests.Builders;
using static ServiceInsights.Tests.Builders.TestActors;

namespace ServiceInsights.Tests.FollowUps;

/// <summary>Follow-up items over a real SQLite file: derived once, open → done → verified, the own-owner rule, the history.</summary>
public sealed class FollowUpServiceTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    private FollowUpService Service => _database.FollowUps();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await _database.MigrateAsync();
        await FollowUpUsers.AddAsync(_database, Wang, Li, Manager, Quality);
        await _database.AddAsync(
            // Open past its promise (11-20) → an overdue item; owner: 王芳 (its 客服; 李工 is no user).
            new ComplaintBuilder().No("TS-1").Customer("山东农科").ReceivedAt("2026-11-18 10:00").Staff("王芳")
                .With(c => (c.PromisedBy, c.Responsible) = (TestClock.Utc("2026-11-20 17:00"), "李工")).Build(),
            // Closed in time → its CAPA item, with the recorded corrective action; owner: 李强 (责任人).
            new ComplaintBuilder().No("TS-2").Customer("荆州市农业局").ReceivedAt("2026-11-02 10:00").Staff("王芳")
                .With(c => (c.PromisedBy, c.ClosedAt, c.CorrectiveAction, c.Responsible) =
                    (TestClock.Utc("2026-11-05 17:00"), TestClock.Utc("2026-11-04 12:00"), "更换灯管", "李强")).Build(),
            // Promise not yet due: nothing.
            new ComplaintBuilder().No("TS-3").ReceivedAt("2026-11-26 10:00").With(c => c.PromisedBy = TestClock.Utc("2026-12-01 17:00")).Build(),
            new CallbackBuilder().No("HF-1").Customer("寿光合作社").At("2026-11-10 10:00").Staff("李强").Satisfaction(2).Build(),
            new CallbackBuilder().No("HF-2").At("2026-11-11 10:00").Staff("无此人").With(c => c.Solved = false).Build(),
            new CallbackBuilder().No("HF-3").At("2026-11-12 10:00").Staff("李强").Satisfaction(5).Build());
    }

    Task IAsyncLifetime.DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private async Task<FollowUpRow> ItemAsync(string derivedKey)
    {
        await using var db = _database.Open();
        var id = await db.FollowUpItems.Where(i => i.DerivedKey == derivedKey).Select(i => i.Id).SingleAsync();
        return (await Service.ListAsync(Manager, new FollowUpFilter(FollowUpView.All))).Single(r => r.Id == id);
    }

    /// <summary>The change is refused for <paramref name="reason"/> (the page words it from the reason, not the message).</summary>
    private static async Task<FollowUpException> RefusedAsync(FollowUpRefusal reason, Func<Task> change)
    {
        var refused = await Assert.ThrowsAsync<FollowUpException>(change);
        Assert.Equal(reason, refused.Reason);
        return refused;
    }

    private async Task<int> ChangesAsync()
    {
        await using var db = _database.Open();
        return await db.FollowUpChanges.CountAsync();
    }

    [Fact]
    public async Task DerivingOpensOneItemPerRecordThatCallsForItAndDerivingAgainOrReimportingOpensNone()
    {
        Assert.Equal(4, await Service.SyncAsync());

        var items = await Service.ListAsync(Manager, new FollowUpFilter(FollowUpView.All));
        Assert.Equal(
            ["CALLBACK:HF-1 李强", "CALLBACK:HF-2 ", "CAPA:TS-2 李强", "OVERDUE:TS-1 王芳"],
            items.Select(i => $"{FollowUpDerivation.Key(i.Source, i.RecordKey)} {i.OwnerName}").Order(StringComparer.Ordinal));
        var overdue = items.Single(i => i.Source == FollowUpSource.OverdueComplaint);
        Assert.Equal((new DateOnly(2026, 11, 20), true, 8, 8), (overdue.Due, overdue.Overdue, overdue.DaysOverdue, overdue.AgeDays));
        Assert.Equal("更换灯管", items.Single(i => i.Source == FollowUpSource.ComplaintCapa).Action);

        // Again, and after the records are imported again (the same numbers, a changed field): nothing new.
        Assert.Equal(0, await Service.SyncAsync());
        await using (var db = _database.Open())
        {
            var complaint = await db.Complaints.SingleAsync(c => c.ComplaintNo == "TS-2");
            complaint.CorrectiveAction = "更换灯管并校准";
            db.Callbacks.Remove(await db.Callbacks.SingleAsync(c => c.CallbackNo == "HF-1"));
            await db.SaveChangesAsync();
            db.Callbacks.Add(new CallbackBuilder().No("HF-1").At("2026-11-10 10:00").Staff("李强").Satisfaction(1).Build());
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await Service.SyncAsync());
        Assert.Equal(4, (await Service.ListAsync(Manager, new FollowUpFilter(FollowUpView.All))).Count);
    }

    [Fact]
    public async Task ADerivationWhoseSaveFailsMidwayLeavesNoItemWithoutItsHistoryAndTheNextOneOpensTheRest()
    {
        // 1,504 items to open: two slices of one transaction each (1,000 + 504). The history row of one item is refused,
        // after its item row was written in the same save.
        await _database.AddAsync([.. Enumerable.Range(1, 1500).Select(i => new CallbackBuilder().No($"HF-X{i:D4}").At("2026-11-13 10:00").Satisfaction(1).Build())]);
        await using (var db = _database.Open())
        {
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER refuse BEFORE INSERT ON FollowUpChanges WHEN NEW.NewValue = 'CALLBACK:HF-X1500' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;");
        }

        await Assert.ThrowsAsync<DbUpdateException>(() => Service.SyncAsync());

        var stored = await StoredItemsAsync();
        Assert.DoesNotContain("CALLBACK:HF-X1500", stored.Keys);
        Assert.True(stored.Count is 0 or 1000, $"{stored.Count} items stored: a slice was half-written");
        Assert.All(stored, item => Assert.Equal(1, item.Value)); // each with its one "Opened" row
        Assert.Equal(stored.Count, await ChangesAsync()); // and no history row without its item

        await using (var db = _database.Open())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER refuse;");
        }

        Assert.Equal(1504 - stored.Count, await Service.SyncAsync());
        stored = await StoredItemsAsync();
        Assert.Equal(1504, stored.Count);
        Assert.All(stored, item => Assert.Equal(1, item.Value));
    }

    /// <summary>Every item's key and how many "Opened" rows its history has.</summary>
    private async Task<Dictionary<string, int>> StoredItemsAsync()
    {
        await using var db = _database.Open();
        return await db.FollowUpItems.Select(i => new { i.DerivedKey, Opened = db.FollowUpChanges.Count(c => c.ItemId == i.Id && c.Field == "Opened") })
            .ToDictionaryAsync(i => i.DerivedKey!, i => i.Opened);
    }

    [Fact]
    public async Task AnItemVerifiedByItsOwnOwnerIsRefusedAndNothingIsStored()
    {
        var record = new RecordRef(RecordKind.Complaints, "TS-3");
        var item = await Service.OpenAsync(Manager, record, new FollowUpEdit("复核承诺期限", Manager.UserId, new DateOnly(2026, 12, 1)));
        item = await Service.MarkDoneAsync(Manager, item.Id, item.Version);
        var changes = await ChangesAsync();

        var refused = await Assert.ThrowsAsync<FollowUpException>(() => Service.VerifyAsync(Manager, item.Id, item.Version));

        Assert.Contains("other than its owner", refused.Message);
        Assert.Equal(FollowUpRefusal.OwnItem, refused.Reason);
        var stored = (await Service.OfRecordAsync(record)).Single();
        Assert.Equal((FollowUpStatus.Done, item.Version, null), (stored.Status, stored.Version, stored.VerifierName));
        Assert.Equal(changes, await ChangesAsync());
    }

    [Fact]
    public async Task TheOwnerReportsItDoneAndAnotherManagerOrQualityEngineerVerifiesItWithEveryChangeInTheHistory()
    {
        await Service.SyncAsync();
        var capa = await ItemAsync("CAPA:TS-2");

        // Staff verify nothing, and act only on their own items.
        await RefusedAsync(FollowUpRefusal.NotOwnerOrManager, () => Service.MarkDoneAsync(Wang, capa.Id, capa.Version));
        var done = await Service.MarkDoneAsync(Li, capa.Id, capa.Version);
        await RefusedAsync(FollowUpRefusal.NotAVerifier, () => Service.VerifyAsync(Wang, done.Id, done.Version));
        // A stale page (the version before "done") is refused.
        await RefusedAsync(FollowUpRefusal.Stale, () => Service.VerifyAsync(Quality, capa.Id, capa.Version));
        var verified = await Service.VerifyAsync(Quality, done.Id, done.Version);

        Assert.Equal((FollowUpStatus.Verified, "赵敏"), (verified.Status, verified.VerifierName));
        Assert.Equal(
            ["records Opened - → CAPA:TS-2", "李强 Status Open → Done", "赵敏 Status Done → Verified", "赵敏 Verifier - → 赵敏"],
            (await Service.HistoryAsync(capa.Id)).Select(h => $"{h.UserName} {h.Field} {h.OldValue ?? "-"} → {h.NewValue}"));
        // A verified item is closed; it leaves the open list.
        await RefusedAsync(FollowUpRefusal.VerifiedIsClosed, () => Service.EditAsync(Manager, verified.Id, verified.Version, new FollowUpEdit("x", null, null)));
        Assert.DoesNotContain((await Service.ListAsync(Manager, new FollowUpFilter())), r => r.Id == capa.Id);
    }

    [Fact]
    public async Task StaffSeeOnlyTheirOwnItemsAndOnlyAManagerAssignsTheOwnerAndTheDueDate()
    {
        await Service.SyncAsync();

        Assert.All(await Service.ListAsync(Wang, new FollowUpFilter(FollowUpView.All, OwnerId: Li.UserId)), r => Assert.Equal(Wang.UserId, r.OwnerId));
        Assert.Equal(["TS-1"], (await Service.ListAsync(Wang, new FollowUpFilter(FollowUpView.All))).Select(r => r.RecordKey));
        Assert.Equal(["TS-1"], (await Service.ListAsync(Manager, new FollowUpFilter(FollowUpView.Overdue))).Select(r => r.RecordKey));

        // The overdue complaint's item has its owner but no action yet: reporting it done is refused, the page's button disabled.
        var overdue = await ItemAsync("OVERDUE:TS-1");
        Assert.Equal([FollowUpRefusal.NoAction], overdue.MissingForDone);
        await RefusedAsync(FollowUpRefusal.NoAction, () => Service.MarkDoneAsync(Wang, overdue.Id, overdue.Version));

        var unassigned = await ItemAsync("CALLBACK:HF-2");
        // The owner writes the action; Staff assign nobody; a Manager does.
        await RefusedAsync(FollowUpRefusal.NotOwnerOrManager, () => Service.EditAsync(Wang, unassigned.Id, unassigned.Version, new FollowUpEdit("回电", Wang.UserId, null)));
        await RefusedAsync(FollowUpRefusal.NoOwner, () => Service.MarkDoneAsync(Manager, unassigned.Id, unassigned.Version));
        Assert.Equal([FollowUpRefusal.NoOwner, FollowUpRefusal.NoAction], unassigned.MissingForDone);
        var assigned = await Service.EditAsync(Manager, unassigned.Id, unassigned.Version, new FollowUpEdit("回电了解问题", Wang.UserId, new DateOnly(2026, 12, 3)));
        Assert.Equal(("王芳", new DateOnly(2026, 12, 3), false), (assigned.OwnerName, assigned.Due, assigned.Overdue));
        var edited = await Service.EditAsync(Wang, assigned.Id, assigned.Version, new FollowUpEdit("已回电，安排上门", Wang.UserId, new DateOnly(2026, 12, 3)));
        Assert.Equal("已回电，安排上门", edited.Action);
        await RefusedAsync(FollowUpRefusal.OnlyManagerOpens, () => Service.OpenAsync(Wang, new RecordRef(RecordKind.Callbacks, "HF-3"), new FollowUpEdit("x", null, null)));
        var missing = await RefusedAsync(FollowUpRefusal.NoSuchRecord,
            () => Service.OpenAsync(Manager, new RecordRef(RecordKind.Callbacks, "HF-404"), new FollowUpEdit("x", null, null)));
        Assert.Equal([RecordKind.Callbacks, "HF-404"], missing.Args);
    }

    [Fact]
    public async Task AReportCarriesItemsOverUntilVerifiedAndAComplaintsCapaIsVerifiedOnlyWhenItsItemIs()
    {
        var service = Service;
        await service.SyncAsync();
        var capa = await ItemAsync("CAPA:TS-2");
        var query = new ComplaintSummaryQuery(_database.Factory, _database.KpiCache(), new SettingsStore(_database.Factory, TestClock.Shanghai), TestClock.Shanghai, service);

        var before = await query.RunAsync(new ReportMonth(2026, 11), TestClock.Local("2026-11-27 00:00"));
        Assert.False(before.Detail.Single(r => r.ComplaintNo == "TS-2").CapaVerified);
        Assert.Equal(["TS-1", "TS-2"], before.FollowUps.Select(r => r.RecordKey).Order());
        Assert.Equal(7, before.FollowUps.Single(r => r.RecordKey == "TS-1").DaysOverdue); // due 11-20, as-of 11-27

        var done = await service.MarkDoneAsync(Li, capa.Id, capa.Version);
        await service.VerifyAsync(Manager, done.Id, done.Version);

        // Done and verified at the clock's now (11-28 10:00): a report as of 11-27 still carries it as open, as it stood then.
        var asOfBefore = await query.RunAsync(new ReportMonth(2026, 11), TestClock.Local("2026-11-27 00:00"));
        Assert.Equal(FollowUpStatus.Open, asOfBefore.FollowUps.Single(r => r.RecordKey == "TS-2").Status);
        Assert.False(asOfBefore.Detail.Single(r => r.ComplaintNo == "TS-2").CapaVerified);
        var after = await query.RunAsync(new ReportMonth(2026, 11), TestClock.Local("2026-11-28 12:00"));
        Assert.True(after.Detail.Single(r => r.ComplaintNo == "TS-2").CapaVerified);
        Assert.Equal(1, after.CapaVerified);
        Assert.Equal(["TS-1"], after.FollowUps.Select(r => r.RecordKey));
    }
}

/// <summary>Users of the app for the follow-up tests.</summary>
public static class FollowUpUsers
{
    /// <summary>Users with one role each, as Identity stores them.</summary>
    public static async Task AddAsync(TestDatabase database, params FollowUpActor[] actors)
    {
        await using var db = database.Open();
        foreach (var role in actors.SelectMany(a => a.Roles).Distinct())
        {
            if (!await db.Roles.AnyAsync(r => r.Name == role))
            {
                db.Roles.Add(new IdentityRole(role) { Id = $"role-{role}", NormalizedName = role.ToUpperInvariant() });
            }
        }

        foreach (var actor in actors)
        {
            db.Users.Add(new AppUser { Id = actor.UserId, UserName = $"{actor.UserId}@x", Email = $"{actor.UserId}@x", DisplayName = actor.Name });
            db.UserRoles.AddRange(actor.Roles.Select(r => new IdentityUserRole<string> { UserId = actor.UserId, RoleId = $"role-{r}" }));
        }

        await db.SaveChangesAsync();
    }
}
