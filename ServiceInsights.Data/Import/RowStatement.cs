using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ServiceInsights.Data.Import;

/// <summary>
/// One prepared INSERT or UPDATE executed once per row with positional values. Two implementations: ADO.NET for any
/// provider, and a direct SQLite one — Microsoft.Data.Sqlite binds every parameter by name on every execution, which
/// made it about three times slower per row than binding by position (measured: 1.7 s against 0.6 s per 100k rows).
/// </summary>
internal abstract class RowStatement : IDisposable
{
    /// <summary>Sets the value of the parameter at <paramref name="index"/> (0-based): a provider value or <see cref="DBNull"/>.</summary>
    public abstract void Set(int index, object value);

    public abstract void Execute();

    public abstract void Dispose();

    public static RowStatement Create(DbConnection connection, DbTransaction transaction, string sql, Func<DbCommand, int, DbParameter> parameter, int count) =>
        connection is SqliteConnection sqlite
            ? new SqliteRowStatement(sqlite, sql)
            : new AdoRowStatement(connection, transaction, sql, parameter, count);

    private sealed class AdoRowStatement : RowStatement
    {
        private readonly DbCommand _command;

        public AdoRowStatement(DbConnection connection, DbTransaction transaction, string sql, Func<DbCommand, int, DbParameter> parameter, int count)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = sql;
            for (var i = 0; i < count; i++)
            {
                _command.Parameters.Add(parameter(_command, i));
            }
        }

        public override void Set(int index, object value) => _command.Parameters[index].Value = value;

        public override void Execute() => _command.ExecuteNonQuery();

        public override void Dispose() => _command.Dispose();
    }

    /// <summary>
    /// Binds the way Microsoft.Data.Sqlite does, so EF reads the rows back unchanged: text for strings, dates
    /// (<c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, <c>yyyy-MM-dd</c>) and decimals; integers for bools and whole numbers.
    /// Text goes in as UTF-8 written into one reused buffer — the database's own encoding, so SQLite neither converts
    /// it nor does the import allocate a string per date (measured: see README, Performance). Runs on the connection's
    /// open transaction.
    /// </summary>
    private sealed class SqliteRowStatement : RowStatement
    {
        private readonly sqlite3 _database;
        private readonly sqlite3_stmt _statement;
        private byte[] _text = new byte[256];

        public SqliteRowStatement(SqliteConnection connection, string sql)
        {
            _database = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
            Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
        }

        public override void Set(int index, object value)
        {
            var position = index + 1;
            Check(value switch
            {
                DBNull => raw.sqlite3_bind_null(_statement, position),
                string s => raw.sqlite3_bind_text(_statement, position, Utf8(s)),
                long l => raw.sqlite3_bind_int64(_statement, position, l),
                int i => raw.sqlite3_bind_int64(_statement, position, i),
                bool b => raw.sqlite3_bind_int64(_statement, position, b ? 1 : 0),
                DateTime d => raw.sqlite3_bind_text(_statement, position, _text.AsSpan(0, SqliteText.Write(d, _text))),
                DateOnly d => raw.sqlite3_bind_text(_statement, position, _text.AsSpan(0, SqliteText.Write(d, _text))),
                decimal m => raw.sqlite3_bind_text(_statement, position, Utf8(m)),
                double f => raw.sqlite3_bind_double(_statement, position, f),
                _ => throw new InvalidOperationException($"Cannot bind a {value.GetType().Name} to SQLite."),
            });
        }

        /// <summary>The string as UTF-8 in the reused buffer; SQLite copies it while binding (SQLITE_TRANSIENT).</summary>
        private ReadOnlySpan<byte> Utf8(string s)
        {
            var most = Encoding.UTF8.GetMaxByteCount(s.Length);
            if (_text.Length < most)
            {
                _text = new byte[Math.Max(most, _text.Length * 2)];
            }

            return _text.AsSpan(0, Encoding.UTF8.GetBytes(s, _text));
        }

        private ReadOnlySpan<byte> Utf8(decimal m) =>
            m.TryFormat(_text, out var written, "0.0###########################", CultureInfo.InvariantCulture)
                ? _text.AsSpan(0, written)
                : Utf8(m.ToString("0.0###########################", CultureInfo.InvariantCulture));

        public override void Execute()
        {
            var result = raw.sqlite3_step(_statement);
            raw.sqlite3_reset(_statement);
            if (result != raw.SQLITE_DONE)
            {
                Check(result);
            }
        }

        public override void Dispose() => _statement.Dispose();

        private void Check(int result)
        {
            if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            {
                throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result, raw.sqlite3_extended_errcode(_database));
            }
        }
    }
}
