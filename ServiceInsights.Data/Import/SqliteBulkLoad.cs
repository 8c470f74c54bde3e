using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Import;

/// <summary>
/// SQLite settings for one large import transaction: a bigger page cache while it runs, and for large files the
/// table's non-unique indexes dropped and rebuilt at the end (one sorted build instead of a B-tree update per row).
/// Both are inside the import's transaction, so a rollback restores the indexes too. No-op on other providers.
/// </summary>
public sealed class SqliteBulkLoad : IDisposable
{
    /// <summary>Files this large defer the secondary indexes; small files (the usual monthly export) keep them.</summary>
    public const long LargeFileBytes = 8 * 1024 * 1024;

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;

    private SqliteBulkLoad(DbConnection connection, DbTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
        Execute("PRAGMA cache_size = -262144;"); // 256 MB for this connection while the import runs
    }

    public static SqliteBulkLoad? Tune(ServiceInsightsDbContext db, DbTransaction transaction) =>
        db.Database.GetDbConnection() is SqliteConnection connection ? new SqliteBulkLoad(connection, transaction) : null;

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

    /// <summary>Back to SQLite's default cache (the transaction is over by now: committed or rolled back).</summary>
    public void Dispose() => Execute("PRAGMA cache_size = -2000;", inTransaction: false);

    private void Execute(string sql, bool inTransaction = true)
    {
        using var command = Command(sql, inTransaction);
        command.ExecuteNonQuery();
    }

    private DbCommand Command(string sql, bool inTransaction = true)
    {
        var command = _connection.CreateCommand();
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
