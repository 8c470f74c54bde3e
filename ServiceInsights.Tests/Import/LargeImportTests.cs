using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Import;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Data.Persistence.Sqlite;

namespace ServiceInsights.Tests.Import;

/// <summary>
/// A file of at least <see cref="SqliteBulkLoad.LargeFileBytes"/>: its secondary indexes are rebuilt after the rows and
/// its WAL checkpoint runs after the import has returned (<see cref="ImportService.PendingCheckpoint"/>).
/// </summary>
public class LargeImportTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private TestDatabase _database = null!;
    private ImportService _import = null!;
    private string _file = null!;
    private int _rows;

    public async Task InitializeAsync()
    {
        // Pooled, as in the app: a closed last connection would checkpoint the WAL by itself and hide what is tested here.
        _database = await new TestDatabase(pooled: true).MigrateAsync();
        _import = new ImportService(_database.Factory, new DepartmentClock(DepartmentClock.FindTimeZone(null), FixedTimeProvider.AtLocal(2026, 11, 28)));
        _file = _folder.File("large.csv");
        await using var writer = new StreamWriter(_file, false, new UTF8Encoding(true));
        await writer.WriteLineAsync("工单号,来电时间,客户单位,问题描述,解决方案,客服");
        while (writer.BaseStream.Length < SqliteBulkLoad.LargeFileBytes + 1024 * 1024)
        {
            await writer.WriteLineAsync($"GD{_rows:D8},2026-03-05 10:{_rows % 60:D2},山东省寿光市农业农村局{_rows % 7},设备无法联网，数据不上传,远程指导重新配置网络参数,张丽");
            _rows++;
        }
    }

    private Task<ImportResult> ImportAsync(bool dryRun = false) =>
        _import.ImportAsync(_file, "large.csv", new ImportOptions(RecordKind.Tickets, dryRun, "tester"));

    [Fact]
    public async Task ALargeImportsRowsReachTheDatabaseFileOnceItsCheckpointHasRun()
    {
        var result = await ImportAsync();
        Assert.True(result.Clean, result.FatalError);
        Assert.Equal(_rows, result.New);
        Assert.False(_import.PendingCheckpoint == Task.CompletedTask, "a large import leaves its checkpoint for afterwards");

        await _import.PendingCheckpoint;

        // Every page of the database is in the file itself now, not only in the WAL.
        using var connection = new SqliteConnection($"Data Source={_database.FilePath};Pooling=False");
        connection.Open();
        Assert.True(new FileInfo(_database.FilePath).Length >= Scalar(connection, "PRAGMA page_count;") * Scalar(connection, "PRAGMA page_size;"));
        Assert.Equal(_rows, Scalar(connection, "SELECT count(*) FROM Tickets;"));
        Assert.Equal("ok", Text(connection, "PRAGMA integrity_check;"));
        Assert.Equal("IX_Tickets_Customer,IX_Tickets_ReceivedAt,IX_Tickets_ResolvedAt,IX_Tickets_Staff,IX_Tickets_Staff_ResolvedAt,IX_Tickets_TicketNo",
            Text(connection, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Tickets' AND sql IS NOT NULL ORDER BY name);"));
    }

    [Fact]
    public async Task ALargeImportGivesItsConnectionBackWithSqlitesDefaultCacheAndAutomaticCheckpoint()
    {
        Assert.True((await ImportAsync()).Clean);
        await _import.PendingCheckpoint;

        // The pool hands the import's connection out again (beside the checkpoint's): the next user must not inherit the
        // import's settings.
        await using var first = _database.Open();
        await using var second = _database.Open();
        foreach (var db in new[] { first, second })
        {
            await db.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            Assert.Equal(1000, Scalar(connection, "PRAGMA wal_autocheckpoint;"));
            Assert.Equal(-2000, Scalar(connection, "PRAGMA cache_size;"));
        }
    }

    [Fact]
    public async Task ADryRunOfALargeFileStoresNothingAndLeavesNoCheckpoint()
    {
        var result = await ImportAsync(dryRun: true);

        Assert.Equal(_rows, result.New);
        Assert.True(_import.PendingCheckpoint.IsCompleted);
        await using var db = _database.Open();
        Assert.Equal(0, await db.Tickets.CountAsync());
        Assert.Equal(0, await db.ImportBatches.CountAsync());
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Text(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
