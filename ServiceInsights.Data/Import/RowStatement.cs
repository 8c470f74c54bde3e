using System.Buffers;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    /// <summary>Sets the parameter at <paramref name="index"/> to value number <paramref name="value"/> of <paramref name="values"/>.</summary>
    public abstract void Set(int index, RowValues values, int value);

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

        public override void Set(int index, RowValues values, int value) => _command.Parameters[index].Value = ((ObjectRowValues)values)[value];

        public override void Execute() => _command.ExecuteNonQuery();

        public override void Dispose() => _command.Dispose();
    }

    /// <summary>
    /// Binds the values a <see cref="SqliteRowValues"/> prepared (text already UTF-8, see there) and steps, calling the
    /// native library directly (<see cref="SqliteNative"/>) with the statement's pointer. Runs on the connection's open
    /// transaction.
    /// </summary>
    /// <remarks>
    /// Text is bound with SQLITE_STATIC: SQLite keeps a pointer to the bytes instead of copying them (a malloc, a copy
    /// and a free per text value with SQLITE_TRANSIENT). So every byte a row's parameters point to must stay where it is,
    /// unchanged, until <see cref="Execute"/> has stepped and reset the statement: the batch's prepared text is pinned
    /// for as long as the batch lives (<see cref="SqliteRowValues"/>), and the strings encoded here go to successive,
    /// non-overlapping places of a pinned <see cref="BindScratch"/> that is reused only after the step. After the reset
    /// the parameters still point at those bytes, which may then change or be freed; that is harmless because the
    /// statement is never stepped again before every one of its parameters has been bound anew, which
    /// <see cref="Execute"/> checks.
    /// </remarks>
    private sealed class SqliteRowStatement : RowStatement
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

        public override void Dispose()
        {
            _statement.DangerousRelease();
            _statement.Dispose();
        }

        private void Check(int result)
        {
            if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
            {
                throw new SqliteException(raw.sqlite3_errmsg(_database).utf8_to_string(), result, raw.sqlite3_extended_errcode(_database));
            }
        }
    }
}

/// <summary>
/// Pinned room for the UTF-8 of one row's strings, each at its own place after the previous one, so that all of them
/// stay put until the row's step (see SqliteRowStatement). A string that does not fit moves writing to a bigger
/// buffer; the full one is kept, unchanged, until <see cref="Reuse"/>, because earlier parameters of the row still point
/// into it. Pinned object heap arrays never move, so their address is taken once.
/// </summary>
internal sealed class BindScratch
{
    private readonly List<byte[]> _full = [];
    private byte[] _buffer = GC.AllocateUninitializedArray<byte>(4096, pinned: true);
    private int _used;

    /// <summary>Encodes <paramref name="text"/> after the row's earlier strings; returns where and how many bytes.</summary>
    public unsafe (nint Address, int Length) Write(string text)
    {
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_buffer.Length - _used < most)
        {
            _full.Add(_buffer);
            _buffer = GC.AllocateUninitializedArray<byte>(Math.Max(most, _buffer.Length * 2), pinned: true);
            _used = 0;
        }

        var length = Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_used));
        var address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_buffer)) + _used;
        _used += length;
        return (address, length);
    }

    /// <summary>The row has been stepped and reset: its bytes may be overwritten.</summary>
    public void Reuse()
    {
        _used = 0;
        _full.Clear();
    }
}

/// <summary>
/// The provider values of a batch of rows, computed on the reading thread ahead of the writer, which then only binds
/// them: the entity's property reads, value conversions and (for SQLite) the UTF-8 encoding of every value were about
/// half of the writing thread's time per row. Values are added row by row, column by column; the writer addresses
/// them as <c>row * columns + column</c>. Dispose returns the buffers once the batch is written.
/// </summary>
internal abstract class RowValues : IDisposable
{
    /// <summary>SQLite's values as bytes ready to bind; any other provider's as the provider values themselves.</summary>
    public static RowValues For(DbConnection connection, int capacity) =>
        connection is SqliteConnection ? new SqliteRowValues(capacity) : new ObjectRowValues(capacity);

    /// <summary>Appends one provider value (or <see cref="DBNull"/>).</summary>
    public abstract void Add(object value);

    public virtual void Dispose()
    {
    }
}

internal sealed class ObjectRowValues(int capacity) : RowValues
{
    private readonly List<object> _values = new(capacity);

    public object this[int index] => _values[index];

    public override void Add(object value) => _values.Add(value);
}

/// <summary>
/// Values as SQLite binds them the way Microsoft.Data.Sqlite does, so EF reads the rows back unchanged: text for
/// strings, dates (<c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, <c>yyyy-MM-dd</c>) and decimals, as UTF-8 (the database's own
/// encoding, so SQLite does not convert it); integers for bools and whole numbers. Dates and decimals are written into
/// one byte buffer here; strings are kept and encoded by <see cref="Bind"/> on the writing thread, which balances the
/// two threads' work (measured with each thread's CPU time: the reading thread had become the longer one).
/// </summary>
internal sealed class SqliteRowValues : RowValues
{
    private const byte Null = 0, Integer = 1, Real = 2, Text = 3, String = 4;

    private Cell[] _cells;
    private string?[] _strings;
    private byte[] _text;
    private GCHandle _pin;
    private nint _textAddress;
    private int _count;
    private int _textLength;

    public SqliteRowValues(int capacity)
    {
        _cells = ArrayPool<Cell>.Shared.Rent(capacity);
        _strings = ArrayPool<string?>.Shared.Rent(capacity);
        _text = ArrayPool<byte>.Shared.Rent(capacity * 4);
    }

    public override void Add(object value)
    {
        if (_count == _cells.Length)
        {
            var cells = ArrayPool<Cell>.Shared.Rent(_cells.Length * 2);
            _cells.AsSpan(0, _count).CopyTo(cells);
            ArrayPool<Cell>.Shared.Return(_cells);
            _cells = cells;
            var strings = ArrayPool<string?>.Shared.Rent(cells.Length);
            _strings.AsSpan(0, _count).CopyTo(strings);
            ArrayPool<string?>.Shared.Return(_strings, clearArray: true);
            _strings = strings;
        }

        if (value is string text)
        {
            _strings[_count] = text;
            _cells[_count++] = new Cell(String, 0, 0);
            return;
        }

        _cells[_count++] = value switch
        {
            DBNull => new Cell(Null, 0, 0),
            long l => new Cell(Integer, l, 0),
            int i => new Cell(Integer, i, 0),
            bool b => new Cell(Integer, b ? 1 : 0, 0),
            double f => new Cell(Real, BitConverter.DoubleToInt64Bits(f), 0),
            _ => AddText(value),
        };
    }

    private Cell AddText(object value)
    {
        var start = _textLength;
        var text = _text;
        _textLength += WriteText(value, ref text, start, pooled: true);
        _text = text;
        return new Cell(Text, start, _textLength - start);
    }

    /// <summary>
    /// Binds value number <paramref name="index"/>; a string is encoded into <paramref name="scratch"/> first. Text is
    /// bound SQLITE_STATIC (see SqliteRowStatement): the batch's own text is pinned at the first bind until
    /// <see cref="Dispose"/>, which the import calls only after the batch's last row has been stepped.
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
            case Text:
                if (_textAddress == 0)
                {
                    _pin = GCHandle.Alloc(_text, GCHandleType.Pinned);
                    _textAddress = _pin.AddrOfPinnedObject();
                }

                return SqliteNative.BindText(statement, position, _textAddress + (nint)cell.Value, cell.Length, SqliteNative.Static);
            default:
                var (address, length) = scratch.Write(_strings[index]!);
                return SqliteNative.BindText(statement, position, address, length, SqliteNative.Static);
        }
    }

    /// <summary>
    /// Writes a string, date or decimal as UTF-8 at <paramref name="offset"/> of <paramref name="buffer"/>, growing the
    /// buffer when needed (through the shared pool when <paramref name="pooled"/>); returns the byte count.
    /// </summary>
    public static int WriteText(object value, ref byte[] buffer, int offset, bool pooled = false)
    {
        var most = value switch
        {
            string s => Encoding.UTF8.GetMaxByteCount(s.Length),
            DateTime or DateOnly => 32,
            decimal => 64,
            _ => throw new InvalidOperationException($"Cannot bind a {value.GetType().Name} to SQLite."),
        };
        if (buffer.Length - offset < most)
        {
            var grown = pooled ? ArrayPool<byte>.Shared.Rent(Math.Max(offset + most, buffer.Length * 2)) : new byte[Math.Max(offset + most, buffer.Length * 2)];
            buffer.AsSpan(0, offset).CopyTo(grown);
            if (pooled)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            buffer = grown;
        }

        var destination = buffer.AsSpan(offset);
        return value switch
        {
            string s => Encoding.UTF8.GetBytes(s, destination),
            DateTime d => SqliteText.Write(d, destination),
            DateOnly d => SqliteText.Write(d, destination),
            _ => ((decimal)value).TryFormat(destination, out var written, "0.0###########################", CultureInfo.InvariantCulture)
                ? written
                : throw new InvalidOperationException($"Cannot format {value} for SQLite."),
        };
    }

    public override void Dispose()
    {
        if (_pin.IsAllocated)
        {
            _pin.Free();
            _textAddress = 0;
        }

        ArrayPool<Cell>.Shared.Return(_cells);
        ArrayPool<string?>.Shared.Return(_strings, clearArray: true);
        ArrayPool<byte>.Shared.Return(_text);
        _cells = [];
        _strings = [];
        _text = [];
    }

    /// <summary>A null, an integer or a double's bits in <see cref="Value"/>, text at offset <see cref="Value"/> of
    /// <see cref="Length"/> bytes, or a string kept at the same index.</summary>
    private readonly record struct Cell(byte Kind, long Value, int Length);
}
