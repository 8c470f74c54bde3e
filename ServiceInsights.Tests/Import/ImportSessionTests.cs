using System.Text;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Import;

namespace ServiceInsights.Tests.Import;

/// <summary>The Import page's flow without the page: upload → preview → confirm → result, with the real import on SQLite.</summary>
public sealed class ImportSessionTests : IDisposable
{
    private static readonly ImportUser Staff = new("user-1", "staff@serviceinsights.local");

    private readonly TestDatabase _database = new();
    private readonly TempFolder _folder = new();
    private readonly ImportGate _gate = new();
    private readonly RejectedRowsStore _rejectedRows;
    private readonly ImportSession _session;

    public ImportSessionTests()
    {
        _database.MigrateAsync().GetAwaiter().GetResult();
        var clock = new DepartmentClock(DepartmentClock.FindTimeZone(null), FixedTimeProvider.AtLocal(2026, 11, 28));
        _rejectedRows = new RejectedRowsStore(_database.Factory, TimeProvider.System);
        _session = new ImportSession(new ImportService(_database.Factory, clock), _gate, new ImportLease(_database.Factory, TimeProvider.System), _rejectedRows,
            Options.Create(new ImportSettings { MaxFileSizeMB = 1 }), NullLogger<ImportSession>.Instance);
    }

    [Fact]
    public async Task PreviewsWithoutStoringThenImportsAndKeepsTheRejectedRowsForTheUser()
    {
        await _session.AddAsync([Csv("tickets.csv", "工单号,来电时间,客户单位", "T-1,2026-03-05 14:20,北方农机", "T-2,2026-13-45,南方农机")], Staff);
        var file = Assert.Single(_session.Files);
        await WaitUntilAsync(() => file.Stage == ImportStage.Ready);

        Assert.Equal(RecordKind.Tickets, Assert.Single(file.Preview!.Tables).Kind);
        Assert.Equal((1, 1), (file.Preview.New, file.Preview.Rejected));
        Assert.True(file.CanCommit);
        await using (var db = _database.Open())
        {
            Assert.Equal(0, await db.Tickets.CountAsync());
            Assert.Equal(0, await db.ImportBatches.CountAsync());
        }

        var copy = file.TempPath!;
        Assert.True(File.Exists(copy));
        await _session.CommitAsync(file, Staff);

        Assert.Equal(ImportStage.Done, file.Stage);
        Assert.Equal(ImportStatus.PartlyRejected, file.Result!.Status);
        Assert.NotNull(await _rejectedRows.FindAsync(file.RejectedRowsToken!, Staff.Id));
        Assert.Null(await _rejectedRows.FindAsync(file.RejectedRowsToken!, "someone-else"));
        Assert.False(file.CanCommit);
        Assert.False(File.Exists(copy), "the temporary copy is deleted once the import is stored");
        await using (var db = _database.Open())
        {
            Assert.Equal("T-1", Assert.Single(await db.Tickets.ToListAsync()).TicketNo);
            var batch = Assert.Single(await db.ImportBatches.ToListAsync());
            Assert.Equal(("tickets.csv", Staff.Name), (batch.FileName, batch.UserName));
        }
    }

    [Fact]
    public async Task APreviewOfValuesThatOnceEndedTheImportFinishesWithTheirRowsRejected()
    {
        await _session.AddAsync([Csv("odd.csv", "工单号,来电时间,VIP", "T-1,2026/10/05 ９:00,是", "T-2,2026-10-05 09:00,１", "T-3,2026-10-05 09:00,也许")], Staff);
        var file = Assert.Single(_session.Files);
        await WaitUntilAsync(() => file.Stage == ImportStage.Ready);

        Assert.Equal((2, 1), (file.Preview!.New, file.Preview.Rejected));
        Assert.Equal(4, Assert.Single(file.Preview.Rejections).Row);
    }

    [Fact]
    public async Task AConfirmedImportThatFailsOutsideTheImportRedrawsTheCardAsRefused()
    {
        await _session.AddAsync([Csv("tickets.csv", "工单号,来电时间", "T-1,2026-03-05 14:20")], Staff);
        var file = _session.Files[0];
        await WaitUntilAsync(() => file.Stage == ImportStage.Ready);
        var other = await _gate.EnterAsync(CancellationToken.None);
        var commit = _session.CommitAsync(file, Staff);
        await WaitUntilAsync(() => file.Queued);
        File.Delete(file.TempPath!); // the copy is gone: the import cannot even measure the file
        var redrawn = new List<ImportStage>();
        _session.Changed += () => redrawn.Add(file.Stage);

        other.Dispose();
        await commit;

        Assert.Equal(ImportStage.Refused, file.Stage);
        Assert.Equal(FileProblem.ImportFailed, file.Problem);
        Assert.Contains(ImportStage.Refused, redrawn);
    }

    [Fact]
    public async Task RefusesAWrongTypeAndATooLargeFileNamingEach()
    {
        await _session.AddAsync([Csv("notes.pdf", "x"), new SizedFile("huge.csv", 2 * 1024 * 1024)], Staff);

        Assert.All(_session.Files, f => Assert.Equal(ImportStage.Refused, f.Stage));
        Assert.Equal([("notes.pdf", FileProblem.WrongType), ("huge.csv", FileProblem.TooLarge)],
            _session.Files.Select(f => (f.Name, f.Problem)));
    }

    [Fact]
    public async Task ACancelledImportStoresNothingAndCanBeConfirmedAgain()
    {
        await _session.AddAsync([Csv("tickets.csv", "工单号,来电时间", "T-1,2026-03-05 14:20")], Staff);
        var file = _session.Files[0];
        await WaitUntilAsync(() => file.Stage == ImportStage.Ready);

        // Another import holds the gate: this one queues, and is cancelled while it waits.
        var other = await _gate.EnterAsync(CancellationToken.None);
        var commit = _session.CommitAsync(file, Staff);
        await WaitUntilAsync(() => file.Queued);
        _session.Cancel(file);
        await commit;
        other.Dispose();

        Assert.Equal(ImportStatus.Cancelled, file.Result!.Status);
        Assert.True(file.CanCommit);
        await using (var db = _database.Open())
        {
            Assert.Equal(0, await db.Tickets.CountAsync());
        }

        await _session.CommitAsync(file, Staff);
        Assert.Equal(ImportStatus.Committed, file.Result!.Status);
    }

    [Fact]
    public async Task WhileAnotherInstanceImportsTheFileKeepsItsPreviewAndSaysWhoIsImporting()
    {
        await _session.AddAsync([Csv("tickets.csv", "工单号,来电时间", "T-1,2026-03-05 14:20")], Staff);
        var file = _session.Files[0];
        await WaitUntilAsync(() => file.Stage == ImportStage.Ready);

        // Another app instance (or the CLI) on the same database holds the import lease.
        var other = await new ImportLease(_database.Factory, TimeProvider.System).AcquireAsync("li.ming @ host-b (process 7)");
        await _session.CommitAsync(file, Staff);

        Assert.Equal(ImportStage.Ready, file.Stage);
        Assert.Equal("li.ming @ host-b (process 7)", file.Busy?.Holder);
        Assert.True(file.CanCommit);
        await using (var db = _database.Open())
        {
            Assert.Equal(0, await db.Tickets.CountAsync());
        }

        await other.DisposeAsync();
        await _session.CommitAsync(file, Staff);
        Assert.Null(file.Busy);
        Assert.Equal(ImportStatus.Committed, file.Result!.Status);
    }

    [Fact]
    public async Task ChoosingAKindPreviewsAgainWithThatKind()
    {
        // Both key columns are there; the repairs columns match more headers, so the file is detected as repairs.
        await _session.AddAsync([Csv("mixed.csv", "工单号,来电时间,维修单号,收件时间", "T-1,2026-03-05 14:20,R-1,2026-03-06 09:00")], Staff);
        var file = _session.Files[0];
        await WaitUntilAsync(() => file.Stage == ImportStage.Ready);
        Assert.Equal(RecordKind.Repairs, Assert.Single(file.Preview!.Tables).Kind);

        await _session.ChangeKindAsync(file, RecordKind.Tickets, Staff);

        var table = Assert.Single(file.Preview!.Tables);
        Assert.Equal(RecordKind.Tickets, table.Kind);
        Assert.Equal(["维修单号", "收件时间"], table.UnknownColumns);
    }

    [Fact]
    public async Task RemovingAFileDeletesItsTemporaryCopy()
    {
        await _session.AddAsync([Csv("tickets.csv", "工单号,来电时间", "T-1,2026-03-05 14:20")], Staff);
        var file = _session.Files[0];
        await WaitUntilAsync(() => file.Stage == ImportStage.Ready);
        var copy = file.TempPath!;
        Assert.True(File.Exists(copy));

        _session.Remove(file);

        Assert.Empty(_session.Files);
        Assert.False(File.Exists(copy));
    }

    [Fact]
    public async Task RemovingAFileStopsItsUpload()
    {
        var adding = _session.AddAsync([new EndlessFile("big.csv")], Staff);
        var file = _session.Files[0];
        await WaitUntilAsync(() => file.UploadedBytes > 0);
        var copy = file.TempPath!;

        _session.Remove(file);
        await adding;

        Assert.Empty(_session.Files);
        Assert.False(File.Exists(copy));
    }

    [Fact]
    public void AtStartUpCopiesOlderThanADayAreDeletedAndNewerOnesKept()
    {
        Directory.CreateDirectory(ImportSession.TempFolder);
        var old = Path.Combine(ImportSession.TempFolder, $"{Guid.NewGuid():N}.csv");
        var recent = Path.Combine(ImportSession.TempFolder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(old, "x");
        File.WriteAllText(recent, "x");
        var now = DateTime.UtcNow;
        File.SetLastWriteTimeUtc(old, now.AddDays(-2));

        ImportSession.DeleteStaleCopies(now);

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        File.Delete(recent);
    }

    private LocalFile Csv(string name, params string[] lines)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        return new LocalFile(path);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 20)
        {
            Assert.True(waited < 15_000, "timed out");
            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        _session.Dispose();
        _gate.Dispose();
        _folder.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    /// <summary>A file on disk as the browser hands it over.</summary>
    private sealed class LocalFile(string path) : IBrowserFile
    {
        public string Name => Path.GetFileName(path);
        public DateTimeOffset LastModified => File.GetLastWriteTimeUtc(path);
        public long Size => new FileInfo(path).Length;
        public string ContentType => "text/csv";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
            Size > maxAllowedSize ? throw new IOException("too large") : File.OpenRead(path);
    }

    /// <summary>A browser file whose upload sends a first chunk and then stalls until cancelled.</summary>
    private sealed class EndlessFile(string name) : IBrowserFile
    {
        public string Name => name;
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
        public long Size => 100_000;
        public string ContentType => "text/csv";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) => new Stalling(cancellationToken);

        private sealed class Stalling(CancellationToken cancellationToken) : MemoryStream("工单号,来电时间\n"u8.ToArray())
        {
            public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken token = default)
            {
                var read = await base.ReadAsync(buffer, token);
                if (read > 0)
                {
                    return read;
                }

                using var both = CancellationTokenSource.CreateLinkedTokenSource(token, cancellationToken);
                await Task.Delay(Timeout.Infinite, both.Token);
                return 0;
            }
        }
    }

    /// <summary>A file that only claims a size: opening it would be a bug.</summary>
    private sealed class SizedFile(string name, long size) : IBrowserFile
    {
        public string Name => name;
        public DateTimeOffset LastModified => DateTimeOffset.UnixEpoch;
        public long Size => size;
        public string ContentType => "text/csv";

        public Stream OpenReadStream(long maxAllowedSize = 512000, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("a refused file must not be read");
    }
}
