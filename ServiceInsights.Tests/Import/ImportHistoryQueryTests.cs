using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Import;

public class ImportHistoryQueryTests
{
    private static readonly DepartmentClock Clock = new(DepartmentClock.FindTimeZone(null), FixedTimeProvider.AtLocal(2026, 11, 28));

    [Fact]
    public async Task ListsTheNewestFirstAPageAtATimeWithTheTotal()
    {
        using var database = await new TestDatabase().MigrateAsync();
        await SeedAsync(database, 25);
        var query = new ImportHistoryQuery(database.Factory, Clock);

        var first = await query.ListAsync(page: 0, pageSize: 10);
        var last = await query.ListAsync(page: 2, pageSize: 10);

        Assert.Equal(25, first.TotalCount);
        Assert.Equal(["file-25.csv", "file-24.csv"], first.Rows.Take(2).Select(r => r.FileName));
        Assert.Equal(10, first.Rows.Count);
        Assert.Equal(["file-5.csv", "file-4.csv", "file-3.csv", "file-2.csv", "file-1.csv"], last.Rows.Select(r => r.FileName));
    }

    [Fact]
    public async Task GivesTimesInTheDepartmentsZoneAndTheKindsAsKinds()
    {
        using var database = await new TestDatabase().MigrateAsync();
        await using (var db = database.Open())
        {
            db.ImportBatches.Add(new ImportBatch
            {
                FileName = "导出.xlsx", Sha256 = new string('c', 64), UserName = "staff@serviceinsights.local",
                StartedAt = new DateTime(2026, 3, 5, 6, 20, 0, DateTimeKind.Utc), FinishedAt = new DateTime(2026, 3, 5, 6, 21, 0, DateTimeKind.Utc),
                Kinds = "Tickets,Repairs,SomethingNewer", Status = ImportStatus.PartlyRejected, NewRows = 5, UpdatedRows = 2, UnchangedRows = 1,
                RejectedRows = 3,
            });
            await db.SaveChangesAsync();
        }

        var row = Assert.Single((await new ImportHistoryQuery(database.Factory, Clock).ListAsync(0, 10)).Rows);

        Assert.Equal(new DateTime(2026, 3, 5, 14, 20, 0), row.StartedAt);
        Assert.Equal([RecordKind.Tickets, RecordKind.Repairs], row.Kinds);
        Assert.Equal((5, 2, 1, 3), (row.New, row.Updated, row.Unchanged, row.Rejected));
        Assert.Equal("staff@serviceinsights.local", row.UserName);
    }

    [Fact]
    public async Task AnEmptyHistoryIsAnEmptyPage()
    {
        using var database = await new TestDatabase().MigrateAsync();
        var page = await new ImportHistoryQuery(database.Factory, Clock).ListAsync(3, 10_000);
        Assert.Equal(0, page.TotalCount);
        Assert.Empty(page.Rows);
    }

    private static async Task SeedAsync(TestDatabase database, int count)
    {
        await using var db = database.Open();
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 1; i <= count; i++)
        {
            db.ImportBatches.Add(new ImportBatch
            {
                FileName = $"file-{i}.csv", Sha256 = new string('a', 64), StartedAt = start.AddHours(i), FinishedAt = start.AddHours(i),
                Kinds = "Tickets", Status = ImportStatus.Committed,
            });
        }

        await db.SaveChangesAsync();
    }
}
