using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Import;

namespace ServiceInsights.Data.Persistence.Sqlite;

/// <summary>
/// SQLite settings for one large import transaction: a bigger page cache while it runs, and for large files the
/// table's non-unique indexes dropped and rebuilt at the end (one sorted build instead of a B-tree update per row).
/// Both are inside the import's transaction, so a rollback restores the indexes too. A large file's commit also skips
/// the automatic WAL checkpoint, which would copy every page of the transaction into the database file before the
/// commit returns; <see cref="CheckpointAsync"/> does that copy afterwards, on a connection of its own. The data is
/// durable and visible once the commit returns either way: the checkpoint only moves it from the WAL into the file.
/// No-op on other providers.
/// </summary>
public sealed class SqliteBulkLoad : IDisposable
{
    /// <summary>Files this large defer the secondary indexes; small files (the usual monthly export) keep them.</summary>
    public const long LargeFileBytes = 8 * 1024 * 1024;

    private readonly SqliteConnection _connection;
    private readonly DbTransaction _transaction;

    private SqliteBulkLoad(SqliteConnection connection, DbTransaction transaction, bool large)
    {
        _connection = connection;
        _transaction = transaction;
        Execute("PRAGMA cache_size = -262144;"); // 256 MB for this connection while the import runs
        if (large)
        {
            Execute("PRAGMA wal_autocheckpoint = 0;");
            DefersCheckpoint = true;
        }
    }

    /// <summary>Tunes the import's connection; <paramref name="fileBytes"/> decides whether the file counts as large.</summary>
    public static SqliteBulkLoad? Tune(ServiceInsightsDbContext db, DbTransaction transaction, long fileBytes) =>
        db.Database.GetDbConnection() is SqliteConnection connection
            ? new SqliteBulkLoad(connection, transaction, fileBytes >= LargeFileBytes)
            : null;

    /// <summary>True when the commit leaves its pages in the WAL for <see cref="CheckpointAsync"/> to copy.</summary>
    public bool DefersCheckpoint { get; }

    /// <summary>
    /// Copies the committed pages from the WAL into the database file (a passive checkpoint: it never waits for or
    /// blocks the pages' readers, nor a next import). A checkpoint that cannot finish leaves the rest to SQLite's next
    /// automatic one; either way the data was already durable in the WAL.
    /// </summary>
    public static Task CheckpointAsync(string connectionString) => Task.Run(() =>
    {
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // Busy or gone (the app shutting down): the next commit's automatic checkpoint copies the pages instead.
        }
    });

    /// <summary>Drops the non-unique indexes of the schema's table; disposing the result creates them again.</summary>
    public IDisposable DeferIndexes(ServiceInsightsDbContext db, RecordSchema schema)
    {
        var table = db.Model.FindEntityType(schema.EntityType)!.GetTableName()!;
        var definitions = new List<(string Name, string Sql)>();
        using (var command = Command("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $table AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'"))
        {
            command.Parameters.Add(new SqliteParameter("$table", table));
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                definitions.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in definitions)
        {
            Execute($"DROP INDEX \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\";");
        }

        return new Restore(this, definitions);
    }

    /// <summary>Back to SQLite's default cache and automatic checkpoint (the transaction is over by now: committed or
    /// rolled back), so the pooled connection is as it was for whoever takes it next.</summary>
    public void Dispose() => Execute("PRAGMA cache_size = -2000; PRAGMA wal_autocheckpoint = 1000;", inTransaction: false);

    private void Execute(string sql, bool inTransaction = true)
    {
        using var command = Command(sql, inTransaction);
        command.ExecuteNonQuery();
    }

    private DbCommand Command(string sql, bool inTransaction = true)
    {
        DbCommand command = _connection.CreateCommand();
        command.Transaction = inTransaction ? _transaction : null;
        command.CommandText = sql;
        return command;
    }

    private sealed class Restore(SqliteBulkLoad owner, List<(string Name, string Sql)> definitions) : IDisposable
    {
        public void Dispose()
        {
            foreach (var (_, sql) in definitions)
            {
                owner.Execute(sql);
            }
        }
    }
}
