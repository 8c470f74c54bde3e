using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ServiceInsights.Data.Persistence.Sqlite;

/// <summary>
/// Binds the values a <see cref="SqliteRowValues"/> sorted (see there) and steps, calling the native library
/// directly (<see cref="SqliteNative"/>) with the statement's pointer. Runs on the connection's open transaction.
/// </summary>
/// <remarks>
/// Text is bound with SQLITE_STATIC: SQLite keeps a pointer to the bytes instead of copying them (a malloc, a copy
/// and a free per text value with SQLITE_TRANSIENT). So every byte a row's parameters point to must stay where it is,
/// unchanged, until <see cref="Execute"/> has stepped and reset the statement: each text value of the row is written
/// to its own place, after the previous one, in this statement's pinned <see cref="BindScratch"/>, which is reused
/// only after the step. After the reset the parameters still point into the scratch, whose bytes then change; that
/// is harmless because the statement is never stepped again before every one of its parameters has been bound anew
/// (an UPDATE binds all of its own parameters too: the changed columns and the key), which <see cref="Execute"/>
/// checks.
/// </remarks>
internal sealed class SqliteRowStatement : RowStatement
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;
    private readonly nint _handle;
    private readonly int _parameters;
    private readonly BindScratch _scratch = new();
    private int _bound;

    public SqliteRowStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        Check(raw.sqlite3_prepare_v2(_database, sql, out _statement));
        // The raw pointer is used without the SafeHandle from here on: a reference of our own keeps the statement
        // from being finalized under it until Dispose.
        var added = false;
        _statement.DangerousAddRef(ref added);
        _handle = _statement.DangerousGetHandle();
        _parameters = raw.sqlite3_bind_parameter_count(_statement);
    }

    public override void Set(int index, RowValues values, int value)
    {
        Check(((SqliteRowValues)values).Bind(_handle, index + 1, value, _scratch));
        _bound++;
    }

    public override void Execute()
    {
        if (_bound != _parameters)
        {
            // A parameter left over from an earlier row would point at bytes that may have been reused since.
            throw new InvalidOperationException($"{_bound} of the statement's {_parameters} parameters were bound for this row.");
        }

        var result = SqliteNative.Step(_handle);
        SqliteNative.Reset(_handle);
        _bound = 0;
        _scratch.Reuse(); // the step is over: nothing reads the row's strings any more
        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }
    }

    /// <summary>Nothing to move: the statement runs on the connection, in whichever transaction it has open.</summary>
    public override void Use(System.Data.Common.DbTransaction transaction)
    {
    }

    public override void Dispose()
    {
        _statement.DangerousRelease();
        _statement.Dispose();
    }

    private void Check(int result) => SqliteNative.Check(_database, result);
}

/// <summary>
/// Pinned room for the UTF-8 text of one row's values, each at its own place after the previous one, so that all of
/// them stay put until the row's step (see SqliteRowStatement). A value that does not fit moves writing to a bigger
/// buffer; the full one is kept, unchanged, until <see cref="Reuse"/>, because earlier parameters of the row still point
/// into it. Pinned object heap arrays never move, so a buffer's address is taken once.
/// </summary>
internal sealed class BindScratch
{
    private readonly List<byte[]> _full = [];
    private byte[] _buffer = null!;
    private nint _address;
    private int _used;

    public BindScratch() => Allocate(4096);

    /// <summary>Room for at least <paramref name="most"/> bytes after the row's earlier values; <see cref="Keep"/> then
    /// takes the bytes written.</summary>
    public Span<byte> Room(int most)
    {
        if (_buffer.Length - _used < most)
        {
            _full.Add(_buffer);
            Allocate(Math.Max(most, _buffer.Length * 2));
        }

        return _buffer.AsSpan(_used);
    }

    /// <summary>Keeps the <paramref name="length"/> bytes just written into <see cref="Room"/>; returns where they are.</summary>
    public (nint Address, int Length) Keep(int length)
    {
        var address = _address + _used;
        _used += length;
        return (address, length);
    }

    /// <summary>The row has been stepped and reset: its bytes may be overwritten.</summary>
    public void Reuse()
    {
        _used = 0;
        _full.Clear();
    }

    private unsafe void Allocate(int length)
    {
        _buffer = GC.AllocateUninitializedArray<byte>(length, pinned: true);
        _address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_buffer));
        _used = 0;
    }
}

/// <summary>
/// Values as SQLite binds them the way Microsoft.Data.Sqlite does, so EF reads the rows back unchanged: text for
/// strings, dates (<c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, <c>yyyy-MM-dd</c>) and decimals, as UTF-8 (the database's own
/// encoding, so SQLite does not convert it); integers for bools and whole numbers. The reading thread only sorts the
/// values into cells here: numbers as they are, dates as their ticks or day number, strings and decimals kept as
/// objects. <see cref="Bind"/>, on the writing thread, writes every text (strings, dates, decimals) as UTF-8 into the
/// statement's pinned scratch. That split balances the two threads (measured with each thread's CPU time): first the
/// strings' encoding moved to the writer when the reading thread had become the longer one; then, once the writer
/// called SQLite directly and stopped copying text, the dates' formatting too.
/// </summary>
internal sealed class SqliteRowValues : RowValues
{
    private const byte Null = 0, Integer = 1, Real = 2, Instant = 3, Day = 4, Kept = 5;

    private Cell[] _cells;
    private object?[] _kept;
    private int _count;

    public SqliteRowValues(int capacity)
    {
        _cells = ArrayPool<Cell>.Shared.Rent(capacity);
        _kept = ArrayPool<object?>.Shared.Rent(capacity);
    }

    public override void Add(object value)
    {
        if (_count == _cells.Length)
        {
            var cells = ArrayPool<Cell>.Shared.Rent(_cells.Length * 2);
            _cells.AsSpan(0, _count).CopyTo(cells);
            ArrayPool<Cell>.Shared.Return(_cells);
            _cells = cells;
            var kept = ArrayPool<object?>.Shared.Rent(cells.Length);
            _kept.AsSpan(0, _count).CopyTo(kept);
            ArrayPool<object?>.Shared.Return(_kept, clearArray: true);
            _kept = kept;
        }

        if (value is string or decimal)
        {
            _kept[_count] = value;
            _cells[_count++] = new Cell(Kept, 0);
            return;
        }

        _cells[_count++] = value switch
        {
            DBNull => new Cell(Null, 0),
            long l => new Cell(Integer, l),
            int i => new Cell(Integer, i),
            bool b => new Cell(Integer, b ? 1 : 0),
            double f => new Cell(Real, BitConverter.DoubleToInt64Bits(f)),
            DateTime d => new Cell(Instant, d.Ticks),
            DateOnly d => new Cell(Day, d.DayNumber),
            _ => throw new InvalidOperationException($"Cannot bind a {value.GetType().Name} to SQLite."),
        };
    }

    /// <summary>
    /// Binds value number <paramref name="index"/> at <paramref name="position"/>. Text is written into
    /// <paramref name="scratch"/> after the row's earlier values and bound SQLITE_STATIC: it must stay there, unchanged,
    /// until the row has been stepped (see SqliteRowStatement).
    /// </summary>
    public int Bind(nint statement, int position, int index, BindScratch scratch)
    {
        var cell = _cells[index];
        switch (cell.Kind)
        {
            case Null:
                return SqliteNative.BindNull(statement, position);
            case Integer:
                return SqliteNative.BindInt64(statement, position, cell.Value);
            case Real:
                return SqliteNative.BindDouble(statement, position, BitConverter.Int64BitsToDouble(cell.Value));
            case Instant:
                return BindText(statement, position, scratch.Keep(SqliteText.Write(new DateTime(cell.Value), scratch.Room(SqliteText.MostBytes))));
            case Day:
                return BindText(statement, position, scratch.Keep(SqliteText.Write(DateOnly.FromDayNumber((int)cell.Value), scratch.Room(SqliteText.MostBytes))));
            default:
                return BindText(statement, position, _kept[index] is string text
                    ? scratch.Keep(Encoding.UTF8.GetBytes(text, scratch.Room(Encoding.UTF8.GetMaxByteCount(text.Length))))
                    : scratch.Keep(Write((decimal)_kept[index]!, scratch.Room(DecimalBytes))));
        }
    }

    private static int BindText(nint statement, int position, (nint Address, int Length) text) =>
        SqliteNative.BindText(statement, position, text.Address, text.Length, SqliteNative.Static);

    /// <summary>A decimal's text: at most 29 digits, a sign and a point.</summary>
    private const int DecimalBytes = 64;

    private static int Write(decimal value, Span<byte> destination) =>
        value.TryFormat(destination, out var written, "0.0###########################", CultureInfo.InvariantCulture)
            ? written
            : throw new InvalidOperationException($"Cannot format {value} for SQLite.");

    public override void Dispose()
    {
        ArrayPool<Cell>.Shared.Return(_cells);
        ArrayPool<object?>.Shared.Return(_kept, clearArray: true);
        _cells = [];
        _kept = [];
    }

    /// <summary>A null, an integer, a double's bits, a date's ticks or day number in <see cref="Value"/>, or a string or
    /// decimal kept at the same index.</summary>
    private readonly record struct Cell(byte Kind, long Value);
}
