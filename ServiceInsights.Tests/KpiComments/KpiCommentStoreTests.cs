using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.KpiComments;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.FollowUps;

namespace ServiceInsights.Tests.KpiComments;

/// <summary>Comments on missed KPIs over a real SQLite file: a Manager's, one per rule and month, with their history.</summary>
public sealed class KpiCommentStoreTests : IAsyncLifetime
{
    private static readonly ReportMonth October = new(2026, 10);
    private readonly TestDatabase _database = new();

    async Task IAsyncLifetime.InitializeAsync()
    {
        await _database.MigrateAsync();
        await FollowUpUsers.AddAsync(_database, TestActors.Li, TestActors.Manager, TestActors.Quality);
    }

    Task IAsyncLifetime.DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private static KpiCommentDraft Draft(string cause = "周末工单无人响应", string? owner = "u-li", DateOnly? due = null) =>
        new(cause, "周末安排值班", owner ?? "", due ?? new DateOnly(2026, 11, 30));

    [Fact]
    public async Task AManagerWritesAndChangesACommentAndEveryChangeIsInItsHistory()
    {
        var store = _database.KpiComments();

        var first = await store.SaveAsync(TestActors.Manager, October, "CS-3a", Draft(), 0);
        var second = await store.SaveAsync(TestActors.Manager, October, "CS-3a", Draft(cause: "周末与节假日工单无人响应"), first.Version);

        var shown = Assert.Single(await store.ForMonthAsync(October));
        Assert.Equal(("周末与节假日工单无人响应", "周末安排值班", "李强", new DateOnly(2026, 11, 30), 2), (shown.Cause, shown.Action, shown.OwnerName, shown.Due, shown.Version));
        Assert.Empty(await store.ForMonthAsync(new ReportMonth(2026, 11)));
        Assert.Equal(
            ["Cause - → 周末工单无人响应", "Action - → 周末安排值班", "Owner - → 李强", "Due - → 2026-11-30", "Cause 周末工单无人响应 → 周末与节假日工单无人响应"],
            (await store.HistoryAsync(October, "CS-3a")).Select(h => $"{h.Field} {h.OldValue ?? "-"} → {h.NewValue}"));
        Assert.Equal(second.Id, first.Id);
    }

    [Fact]
    public async Task OnlyAManagerWritesEveryFieldIsRequiredAndAStaleEditorStoresNothing()
    {
        var store = _database.KpiComments();

        await Assert.ThrowsAsync<KpiCommentException>(() => store.SaveAsync(TestActors.Quality, October, "CS-3a", Draft(), 0));
        await Assert.ThrowsAsync<KpiCommentException>(() => store.SaveAsync(TestActors.Manager, October, "CS-3a", Draft(cause: " "), 0));
        await Assert.ThrowsAsync<KpiCommentException>(() => store.SaveAsync(TestActors.Manager, October, "CS-3a", Draft(owner: "nobody"), 0));
        await Assert.ThrowsAsync<KpiCommentException>(() => store.SaveAsync(TestActors.Manager, October, "XX-1", Draft(), 0));
        var saved = await store.SaveAsync(TestActors.Manager, October, "CS-3a", Draft(), 0);
        // Someone saved in between: an editor that loaded no comment (version 0) is refused.
        await Assert.ThrowsAsync<KpiCommentException>(() => store.SaveAsync(TestActors.Manager, October, "CS-3a", Draft(cause: "另一原因"), 0));

        Assert.Equal(saved.Cause, Assert.Single(await store.ForMonthAsync(October)).Cause);
        await using var db = _database.Open();
        Assert.Equal(4, await db.KpiCommentChanges.CountAsync());
    }
}
