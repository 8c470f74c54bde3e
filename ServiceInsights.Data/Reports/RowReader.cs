using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Persistence;
using SQLitePCL;

namespace ServiceInsights.Data.Reports;

/// <summary>
/// Reads a report's large row sets by column position in the projection's order, over EF's own SQL
/// (<see cref="RelationalQueryableExtensions.CreateDbCommand"/>), so both providers keep their translation. On SQLite the
/// statement is prepared through SQLitePCL and then stepped and read by direct native calls (<see cref="SqliteRow"/>,
/// <see cref="SqliteNative"/>): text is read from SQLite's own UTF-8 bytes, the few distinct staff names, models and
/// enumeration words of a month are taken from a pool instead of a new string per row, and timestamps are read digit by
/// digit from the bytes. Measured on the 1M-ticket bench database, the data reader's per-value
/// checks and a string per text value were most of the KPI loading time beside SQLite's own work. Elsewhere (SQL Server) a
/// plain <see cref="DbDataReader"/>. MetricQueryTests compare both paths with EF's own materialisation.
/// </summary>
internal static class RowReader
{
    /// <summary>Runs the query's SQL on the context's (open) connection and reads each row with <paramref name="read"/>.</summary>
    public static async Task<RowList<T>> ReadAsync<T>(DbContext db, IQueryable<T> query, Func<Row, T> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = query.CreateDbCommand();
        return command is SqliteCommand sqlite && SqliteNative.Serves(sqlite.Connection) && SqliteRow.CanBind(sqlite)
            ? SqliteRow.Read(sqlite, read, cancellationToken)
            : await ReadAsync(command, read, cancellationToken);
    }

    /// <summary>The provider-neutral path (SQL Server), through the command's data reader; tests run it on SQLite too.</summary>
    internal static async Task<RowList<T>> ReadThroughDataReaderAsync<T>(DbContext db, IQueryable<T> query, Func<Row, T> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = query.CreateDbCommand();
        return await ReadAsync(command, read, cancellationToken);
    }

    private static async Task<RowList<T>> ReadAsync<T>(DbCommand command, Func<Row, T> read, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = new DataReaderRow(reader);
        var rows = new RowList<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(row));
        }

        return rows;
    }

    /// <summary>Typed access to the current row by column position.</summary>
    public abstract class Row
    {
        public abstract bool IsNull(int i);

        public abstract string Text(int i);

        /// <summary>A text of which a month has only a few distinct values (staff, model, product name): one string per value.</summary>
        public abstract string? Name(int i);

        public abstract bool Bool(int i);

        public abstract int Int(int i);

        /// <summary>Enums are stored by name (<c>HasConversion&lt;string&gt;()</c>).</summary>
        public abstract TEnum? EnumOrNull<TEnum>(int i) where TEnum : struct, Enum;

        public abstract DateTime Utc(int i);

        /// <summary>A date without a time (<see cref="DateOnly"/>, stored by EF Core's SQLite provider as <c>yyyy-MM-dd</c>).</summary>
        public abstract DateOnly Date(int i);

        public string? TextOrNull(int i) => IsNull(i) ? null : Text(i);

        public bool? BoolOrNull(int i) => IsNull(i) ? null : Bool(i);

        public int? IntOrNull(int i) => IsNull(i) ? null : Int(i);

        public DateTime? UtcOrNull(int i) => IsNull(i) ? null : Utc(i);

        public DateOnly? DateOrNull(int i) => IsNull(i) ? null : Date(i);

        /// <summary>
        /// <c>yyyy-MM-dd HH:mm:ss[.fffffff]</c>, the form EF Core's SQLite provider writes, read digit by digit from UTF-16
        /// (a data reader's string) or SQLite's own UTF-8 bytes; anything else the slow way.
        /// </summary>
        protected static DateTime ParseText<TChar>(ReadOnlySpan<TChar> s) where TChar : unmanaged, IBinaryInteger<TChar>
        {
            if (s.Length < 19 || At(s, 4) != '-' || At(s, 7) != '-' || (At(s, 10) != ' ' && At(s, 10) != 'T') || At(s, 13) != ':' || At(s, 16) != ':'
                || !TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day)
                || !TryDigits(s.Slice(11, 2), out var hour) || !TryDigits(s.Slice(14, 2), out var minute) || !TryDigits(s.Slice(17, 2), out var second))
            {
                return ParseSlowly(s);
            }

            long fraction = 0;
            if (s.Length > 19)
            {
                var digits = s[20..];
                if (At(s, 19) != '.' || digits.Length is 0 or > 7 || !TryDigits(digits, out var value))
                {
                    return ParseSlowly(s);
                }

                fraction = value;
                for (var k = digits.Length; k < 7; k++)
                {
                    fraction *= 10;
                }
            }

            return new DateTime(year, month, day, hour, minute, second).AddTicks(fraction);
        }

        /// <summary><c>yyyy-MM-dd</c> digit by digit; anything else the slow way.</summary>
        protected static DateOnly ParseDate(ReadOnlySpan<byte> s) =>
            s.Length == 10 && At(s, 4) == '-' && At(s, 7) == '-'
            && TryDigits(s[..4], out var year) && TryDigits(s.Slice(5, 2), out var month) && TryDigits(s.Slice(8, 2), out var day)
                ? new DateOnly(year, month, day)
                : DateOnly.Parse(Encoding.UTF8.GetString(s), CultureInfo.InvariantCulture);

        private static int At<TChar>(ReadOnlySpan<TChar> s, int i) where TChar : unmanaged, IBinaryInteger<TChar> => int.CreateTruncating(s[i]);

        private static DateTime ParseSlowly<TChar>(ReadOnlySpan<TChar> s) where TChar : unmanaged, IBinaryInteger<TChar> =>
            typeof(TChar) == typeof(byte)
                ? DateTime.Parse(Encoding.UTF8.GetString(MemoryMarshal.Cast<TChar, byte>(s)), CultureInfo.InvariantCulture)
                : DateTime.Parse(MemoryMarshal.Cast<TChar, char>(s), CultureInfo.InvariantCulture);

        private static bool TryDigits<TChar>(ReadOnlySpan<TChar> digits, out int value) where TChar : unmanaged, IBinaryInteger<TChar>
        {
            value = 0;
            for (var k = 0; k < digits.Length; k++)
            {
                var digit = At(digits, k) - '0';
                if ((uint)digit > 9)
                {
                    return false;
                }

                value = value * 10 + digit;
            }

            return true;
        }
    }

    /// <summary>Any provider's data reader; text timestamps (SQLite) are read without the culture machinery.</summary>
    private sealed class DataReaderRow(DbDataReader reader) : Row
    {
        private readonly bool _textTimes = reader is SqliteDataReader;
        private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

        public override bool IsNull(int i) => reader.IsDBNull(i);

        public override string Text(int i) => reader.GetString(i);

        public override string? Name(int i)
        {
            if (reader.IsDBNull(i))
            {
                return null;
            }

            var text = reader.GetString(i);
            return _names.TryAdd(text, text) ? text : _names[text];
        }

        public override bool Bool(int i) => reader.GetBoolean(i);

        public override int Int(int i) => reader.GetInt32(i);

        public override TEnum? EnumOrNull<TEnum>(int i) => reader.IsDBNull(i) ? null : Enum.Parse<TEnum>(reader.GetString(i));

        public override DateTime Utc(int i) => DateTime.SpecifyKind(_textTimes ? ParseText(reader.GetString(i).AsSpan()) : reader.GetDateTime(i), DateTimeKind.Utc);

        public override DateOnly Date(int i) => reader.GetFieldValue<DateOnly>(i);
    }

    /// <summary>
    /// A SQLite statement prepared from the command's SQL on its connection, with the command's parameters bound as
    /// Microsoft.Data.Sqlite binds them (dates as <see cref="SqliteText"/>), stepped row by row.
    /// </summary>
    private sealed class SqliteRow : Row
    {
        /// <summary>The statement's raw pointer, for <see cref="SqliteNative"/>'s column reads; its handle stays open while rows are read.</summary>
        private readonly nint _statement;
        private readonly char[] _chars = new char[256];
        private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _nameLookup;

        private SqliteRow(sqlite3_stmt statement)
        {
            _statement = statement.DangerousGetHandle();
            _nameLookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        /// <summary>Whether every parameter is of a type bound here (the KPI queries bind dates, texts and numbers).</summary>
        public static bool CanBind(SqliteCommand command) =>
            command.Parameters.Cast<SqliteParameter>().All(p => p.Value is null or DBNull or DateTime or string or int or long or bool);

        public static RowList<T> Read<T>(SqliteCommand command, Func<Row, T> read, CancellationToken cancellationToken)
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
                var rows = new RowList<T>();
                while (true)
                {
                    var result = SqliteNative.Step(row._statement);
                    if (result == raw.SQLITE_ROW)
                    {
                        rows.Add(read(row));
                        if ((rows.Count & 4095) == 0)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                        }
                    }
                    else if (rows.Count == 0 && Busy(result, database, waited, timeout, cancellationToken))
                    {
                        raw.sqlite3_reset(statement);
                    }
                    else
                    {
                        Check(database, result);
                        return rows;
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

        private static void Check(sqlite3 database, int result)
        {
            if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            {
                throw new SqliteException(raw.sqlite3_errmsg(database).utf8_to_string(), result, raw.sqlite3_extended_errcode(database));
            }
        }

        public override bool IsNull(int i) => SqliteNative.ColumnType(_statement, i) == raw.SQLITE_NULL;

        public override string Text(int i) => Encoding.UTF8.GetString(SqliteNative.ColumnUtf8(_statement, i));

        public override string? Name(int i)
        {
            if (IsNull(i))
            {
                return null;
            }

            var chars = Chars(i);
            if (_nameLookup.TryGetValue(chars, out var name))
            {
                return name;
            }

            name = new string(chars);
            _names[name] = name;
            return name;
        }

        public override bool Bool(int i) => SqliteNative.ColumnInt64(_statement, i) != 0;

        public override int Int(int i) => checked((int)SqliteNative.ColumnInt64(_statement, i));

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
}

/// <summary>
/// The rows a <see cref="RowReader"/> read, in blocks of a fixed size: a month's large sets are value types (a ticket row
/// is about 160 bytes), and a list grown by doubling would allocate each set's array about twice over and keep the old
/// arrays until the next full collection. The rows are only added while reading; the list is read-only afterwards.
/// </summary>
internal sealed class RowList<T> : IReadOnlyList<T>
{
    private const int BlockSize = 8192;
    private readonly List<T[]> _blocks = [];

    public int Count { get; private set; }

    public T this[int index] => (uint)index < (uint)Count
        ? _blocks[index / BlockSize][index % BlockSize]
        : throw new ArgumentOutOfRangeException(nameof(index));

    public void Add(T row)
    {
        var slot = Count % BlockSize;
        if (slot == 0)
        {
            _blocks.Add(new T[BlockSize]);
        }

        _blocks[^1][slot] = row;
        Count++;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return _blocks[i / BlockSize][i % BlockSize];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
