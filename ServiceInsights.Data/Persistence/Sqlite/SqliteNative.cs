using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ServiceInsights.Data.Persistence.Sqlite;

/// <summary>
/// The few SQLite calls made per value and per row (the import's writing thread binds, the reports' row reader reads
/// columns), called straight on the native library that SQLitePCLRaw.bundle_e_sqlite3 ships (and Microsoft.Data.Sqlite
/// opened the connection with), with raw statement pointers. Through SQLitePCL every call also took and released the
/// statement's <see cref="SafeHandle"/> and looked up the provider: about a tenth of the import's writing thread at 27
/// values × 1M rows (measured with perf). The binds and column reads are short and never block, so they skip the GC
/// transition; <see cref="Step"/> and <see cref="Reset"/> do I/O and keep it. The caller keeps the statement's
/// SQLitePCL handle alive (and disposes it) around the raw calls. Callers take this path only when <see cref="Serves"/>
/// says so, and otherwise the provider-neutral one.
/// </summary>
internal static partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    private static readonly Lazy<bool> SameLibrary = new(() =>
    {
        try
        {
            return raw.GetNativeLibraryName() == Library;
        }
        catch (Exception)
        {
            return false;
        }
    });

    /// <summary>
    /// Whether <paramref name="connection"/> is a SQLite connection whose statements these calls may take: SQLitePCL
    /// runs on the same native library (a raw statement pointer from another build of SQLite must never reach this one).
    /// </summary>
    public static bool Serves(DbConnection? connection) => connection is SqliteConnection && SameLibrary.Value;

    /// <summary>Throws SQLite's own error (message and extended code) for any result but OK, DONE and ROW.</summary>
    public static void Check(sqlite3 database, int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException(raw.sqlite3_errmsg(database).utf8_to_string(), result, raw.sqlite3_extended_errcode(database));
        }
    }

    /// <summary>SQLITE_STATIC: SQLite reads the bound bytes where they are, until the statement is stepped and reset
    /// (or bound again); the caller keeps them there, unchanged, for that long.</summary>
    public static readonly nint Static = 0;

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial int BindText(nint statement, int position, nint text, int length, nint destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial int BindInt64(nint statement, int position, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_double")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial int BindDouble(nint statement, int position, double value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial int BindNull(nint statement, int position);

    /// <summary>Runs the statement: page reads and writes, possibly a wait for a lock, so a normal transition.</summary>
    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Step(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Reset(nint statement);

    /// <summary>Sets the connection's busy handler: <paramref name="handler"/>(<paramref name="argument"/>, tries so far) is
    /// called when a lock is refused; 0 back means answer SQLITE_BUSY now. Called only from normal transitions (a step).</summary>
    [LibraryImport(Library, EntryPoint = "sqlite3_busy_handler")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static unsafe partial int BusyHandler(nint database, delegate* unmanaged[Cdecl]<nint, int, int> handler, nint argument);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial int ColumnType(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial long ColumnInt64(nint statement, int column);

    /// <summary>The column's value as UTF-8 text (null for NULL), valid until the next step, reset or column call that converts it.</summary>
    [LibraryImport(Library, EntryPoint = "sqlite3_column_text")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial nint ColumnText(nint statement, int column);

    /// <summary>The length in bytes of the text <see cref="ColumnText"/> returned (call it after that).</summary>
    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial int ColumnBytes(nint statement, int column);

    /// <summary>The column's UTF-8 text, read where SQLite keeps it (empty for NULL): valid until the next step or reset.</summary>
    public static unsafe ReadOnlySpan<byte> ColumnUtf8(nint statement, int column)
    {
        var text = ColumnText(statement, column);
        return text == 0 ? [] : new ReadOnlySpan<byte>((void*)text, ColumnBytes(statement, column));
    }
}
