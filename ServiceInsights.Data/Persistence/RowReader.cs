using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Persistence.Sqlite;

namespace ServiceInsights.Data.Persistence;

/// <summary>
/// Reads a report's large row sets over EF's own SQL (<see cref="RelationalQueryableExtensions.CreateDbCommand"/>), so
/// both providers keep their translation: into the projection's type <b>by column name</b>
/// (<see cref="ReadAsync{T}(DbContext, IQueryable{T}, Func{DateTime, DateTime}, CancellationToken)"/>, <see cref="RowBinder{T}"/>),
/// all kept or streamed (<see cref="ForEachAsync{T}"/>). This provider-neutral path reads through the command's
/// <see cref="DbDataReader"/> (SQL Server). On SQLite the statement is stepped and read by direct native calls
/// (<see cref="SqliteRow"/>, in Persistence/Sqlite): text is read from SQLite's own UTF-8 bytes, the few distinct staff
/// names, models and enumeration words of a month are taken from a pool instead of a new string per row, and timestamps
/// are read digit by digit from the bytes. Measured on the 1M-ticket bench database, the data reader's per-value checks
/// and a string per text value were most of the KPI loading time beside SQLite's own work. MetricQueryTests compare both
/// paths with EF's own materialisation.
/// </summary>
internal static class RowReader
{
    /// <summary>
    /// Runs the query's SQL and fills one <typeparamref name="T"/> per row, each column into the member of its name
    /// (<see cref="RowBinder{T}"/>: a column without a member, or a required member without a column, fails before the
    /// first row). Every timestamp goes through <paramref name="time"/> (UTC as stored → local).
    /// </summary>
    public static async Task<RowList<T>> ReadAsync<T>(DbContext db, IQueryable<T> query, Func<DateTime, DateTime> time, CancellationToken cancellationToken)
    {
        var rows = new RowList<T>();
        await ForEachAsync(db, query, time, rows.Add, native: true, cancellationToken);
        return rows;
    }

    /// <summary>
    /// As <see cref="ReadAsync{T}(DbContext, IQueryable{T}, Func{DateTime, DateTime}, CancellationToken)"/>, but hands each row
    /// to <paramref name="each"/> as it is read and keeps none: for a pass over more rows than the result needs.
    /// </summary>
    public static Task ForEachAsync<T>(DbContext db, IQueryable<T> query, Func<DateTime, DateTime> time, Action<T> each, CancellationToken cancellationToken) =>
        ForEachAsync(db, query, time, each, native: true, cancellationToken);

    /// <summary>The provider-neutral path (SQL Server), through the command's data reader; tests run it on SQLite too.</summary>
    internal static async Task<RowList<T>> ReadThroughDataReaderAsync<T>(DbContext db, IQueryable<T> query, Func<DateTime, DateTime> time, CancellationToken cancellationToken)
    {
        var rows = new RowList<T>();
        await ForEachAsync(db, query, time, rows.Add, native: false, cancellationToken);
        return rows;
    }

    private static async Task ForEachAsync<T>(DbContext db, IQueryable<T> query, Func<DateTime, DateTime> time, Action<T> each, bool native,
        CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = query.CreateDbCommand();
        Func<Row, T> Bind(Row row) => RowBinder<T>.Bind(row, time);
        if (native && command is SqliteCommand sqlite && SqliteNative.Serves(sqlite.Connection) && SqliteRow.CanBind(sqlite))
        {
            SqliteRow.ForEach(sqlite, Bind, each, cancellationToken);
            return;
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = new DataReaderRow(reader);
        var read = Bind(row);
        while (await reader.ReadAsync(cancellationToken))
        {
            each(read(row));
        }
    }

    /// <summary>Typed access to the current row by column position, and the columns' names.</summary>
    public abstract class Row
    {
        /// <summary>A text column keeps at most this many distinct values in its pool (<see cref="Name"/>); later ones are new strings.</summary>
        protected const int PoolSize = 1024;

        public abstract int FieldCount { get; }

        /// <summary>The column's name in the result (its alias, else the table column's name).</summary>
        public abstract string ColumnName(int i);

        public abstract bool IsNull(int i);

        /// <summary>Whether the value is text (an enumeration stored by name) rather than a number (one computed in SQL).</summary>
        public abstract bool IsText(int i);

        /// <summary>
        /// A text, null for NULL. A column of a month has often only a few distinct values (staff, model, product name): one
        /// string per value, from a pool per column of at most <see cref="PoolSize"/> values (a key column fills it and then
        /// reads new strings).
        /// </summary>
        public abstract string? Name(int i);

        public abstract bool Bool(int i);

        public abstract int Int(int i);

        public abstract long Long(int i);

        /// <summary>Enums are stored by name (<c>HasConversion&lt;string&gt;()</c>).</summary>
        public abstract TEnum? EnumOrNull<TEnum>(int i) where TEnum : struct, Enum;

        public abstract DateTime Utc(int i);

        /// <summary>A date without a time (<see cref="DateOnly"/>, stored by EF Core's SQLite provider as <c>yyyy-MM-dd</c>).</summary>
        public abstract DateOnly Date(int i);

        /// <summary>An enumeration stored by name, or computed in SQL as its number.</summary>
        public TEnum EnumOf<TEnum>(int i) where TEnum : struct, Enum =>
            IsText(i) ? EnumOrNull<TEnum>(i)!.Value : (TEnum)System.Enum.ToObject(typeof(TEnum), Int(i));


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
        private readonly Dictionary<string, string>[] _names = [.. Enumerable.Range(0, reader.FieldCount).Select(_ => new Dictionary<string, string>(StringComparer.Ordinal))];

        public override int FieldCount => reader.FieldCount;

        public override string ColumnName(int i) => reader.GetName(i);

        public override bool IsNull(int i) => reader.IsDBNull(i);

        public override bool IsText(int i) => reader.GetFieldType(i) == typeof(string);

        public override string? Name(int i)
        {
            if (reader.IsDBNull(i))
            {
                return null;
            }

            var text = reader.GetString(i);
            var pool = _names[i];
            return pool.TryGetValue(text, out var pooled) ? pooled : pool.Count < PoolSize ? pool[text] = text : text;
        }

        public override bool Bool(int i) => reader.GetBoolean(i);

        public override int Int(int i) => reader.GetInt32(i);

        public override long Long(int i) => reader.GetInt64(i);

        public override TEnum? EnumOrNull<TEnum>(int i) => reader.IsDBNull(i) ? null : Enum.Parse<TEnum>(reader.GetString(i));

        public override DateTime Utc(int i) => DateTime.SpecifyKind(_textTimes ? ParseText(reader.GetString(i).AsSpan()) : reader.GetDateTime(i), DateTimeKind.Utc);

        public override DateOnly Date(int i) => reader.GetFieldValue<DateOnly>(i);
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
