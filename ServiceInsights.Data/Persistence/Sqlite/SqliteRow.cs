using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ServiceInsights.Data.Persistence.Sqlite;

/// <summary>
/// A SQLite statement prepared from the command's SQL on its connection, with the command's parameters bound as
/// Microsoft.Data.Sqlite binds them (dates as <see cref="SqliteText"/>), stepped row by row.
/// </summary>
internal sealed class SqliteRow : RowReader.Row
{
    /// <summary>The statement's raw pointer, for <see cref="SqliteNative"/>'s column reads; its handle stays open while rows are read.</summary>
    private readonly nint _statement;
    private readonly sqlite3_stmt _handle;
    private readonly char[] _chars = new char[256];
    private readonly Dictionary<string, string>[] _names;
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>>[] _nameLookups;

    private SqliteRow(sqlite3_stmt statement)
    {
        _handle = statement;
        _statement = statement.DangerousGetHandle();
        _names = [.. Enumerable.Range(0, raw.sqlite3_column_count(statement)).Select(_ => new Dictionary<string, string>(StringComparer.Ordinal))];
        _nameLookups = [.. _names.Select(n => n.GetAlternateLookup<ReadOnlySpan<char>>())];
    }

    public override int FieldCount => _names.Length;

    public override string ColumnName(int i) => raw.sqlite3_column_name(_handle, i).utf8_to_string();

    public override bool IsText(int i) => SqliteNative.ColumnType(_statement, i) == raw.SQLITE_TEXT;

    /// <summary>Whether every parameter is of a type bound here (the KPI queries bind dates, texts and numbers).</summary>
    public static bool CanBind(SqliteCommand command) =>
        command.Parameters.Cast<SqliteParameter>().All(p => p.Value is null or DBNull or DateTime or string or int or long or bool);

    /// <param name="bind">Makes the read of one row, once the statement is prepared (its columns known).</param>
    /// <param name="each">Takes each row as it is read.</param>
    public static void ForEach<T>(SqliteCommand command, Func<RowReader.Row, Func<RowReader.Row, T>> bind, Action<T> each, CancellationToken cancellationToken)
    {
        var database = ((SqliteConnection)command.Connection!).Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var waited = Stopwatch.StartNew();
        var timeout = TimeSpan.FromSeconds(command.CommandTimeout);
        sqlite3_stmt statement;
        while (Busy(raw.sqlite3_prepare_v2(database, command.CommandText, out statement), database, waited, timeout, cancellationToken))
        {
            statement.Dispose();
        }

        using (statement)
        {
            Bind(database, statement, command.Parameters);
            var row = new SqliteRow(statement);
            var read = bind(row);
            var count = 0;
            while (true)
            {
                var result = SqliteNative.Step(row._statement);
                if (result == raw.SQLITE_ROW)
                {
                    each(read(row));
                    if ((++count & 4095) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }
                }
                else if (count == 0 && Busy(result, database, waited, timeout, cancellationToken))
                {
                    raw.sqlite3_reset(statement);
                }
                else
                {
                    Check(database, result);
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Whether to try again: SQLite answered busy or locked (another connection is writing or checkpointing) and the
    /// command's timeout has not passed — as Microsoft.Data.Sqlite's own commands wait. Other errors are thrown.
    /// </summary>
    private static bool Busy(int result, sqlite3 database, Stopwatch waited, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (result is raw.SQLITE_BUSY or raw.SQLITE_LOCKED && (timeout == TimeSpan.Zero || waited.Elapsed < timeout))
        {
            cancellationToken.ThrowIfCancellationRequested();
            Thread.Sleep(10);
            return true;
        }

        Check(database, result);
        return false;
    }

    private static void Bind(sqlite3 database, sqlite3_stmt statement, SqliteParameterCollection parameters)
    {
        Span<byte> text = stackalloc byte[32];
        foreach (SqliteParameter parameter in parameters)
        {
            var name = parameter.ParameterName.StartsWith('@') || parameter.ParameterName.StartsWith(':') || parameter.ParameterName.StartsWith('$')
                ? parameter.ParameterName
                : "@" + parameter.ParameterName;
            var index = raw.sqlite3_bind_parameter_index(statement, name);
            if (index == 0)
            {
                throw new InvalidOperationException($"The statement has no parameter {name}.");
            }

            Check(database, parameter.Value switch
            {
                null or DBNull => raw.sqlite3_bind_null(statement, index),
                DateTime d => raw.sqlite3_bind_text(statement, index, text[..SqliteText.Write(d, text)]),
                string s => raw.sqlite3_bind_text(statement, index, s),
                int n => raw.sqlite3_bind_int64(statement, index, n),
                long n => raw.sqlite3_bind_int64(statement, index, n),
                bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
                var other => throw new InvalidOperationException($"Cannot bind a {other.GetType().Name} to SQLite."),
            });
        }
    }

    private static void Check(sqlite3 database, int result) => SqliteNative.Check(database, result);

    public override bool IsNull(int i) => SqliteNative.ColumnType(_statement, i) == raw.SQLITE_NULL;

    public override string? Name(int i)
    {
        if (IsNull(i))
        {
            return null;
        }

        var chars = Chars(i);
        if (_nameLookups[i].TryGetValue(chars, out var name))
        {
            return name;
        }

        name = new string(chars);
        if (_names[i].Count < PoolSize)
        {
            _names[i][name] = name;
        }

        return name;
    }

    public override bool Bool(int i) => SqliteNative.ColumnInt64(_statement, i) != 0;

    public override int Int(int i) => checked((int)SqliteNative.ColumnInt64(_statement, i));

    public override long Long(int i) => SqliteNative.ColumnInt64(_statement, i);

    public override TEnum? EnumOrNull<TEnum>(int i) => IsNull(i) ? null : Enum.Parse<TEnum>(Chars(i));

    public override DateTime Utc(int i) => DateTime.SpecifyKind(ParseText(SqliteNative.ColumnUtf8(_statement, i)), DateTimeKind.Utc);

    public override DateOnly Date(int i) => ParseDate(SqliteNative.ColumnUtf8(_statement, i));

    /// <summary>The column's text decoded into the reused buffer (long values in a buffer of their own).</summary>
    private ReadOnlySpan<char> Chars(int i)
    {
        var bytes = SqliteNative.ColumnUtf8(_statement, i);
        var chars = bytes.Length <= _chars.Length ? _chars : new char[bytes.Length];
        return chars.AsSpan(0, Encoding.UTF8.GetChars(bytes, chars));
    }
}
