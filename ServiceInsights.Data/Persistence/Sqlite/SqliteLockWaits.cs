using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ServiceInsights.Data.Persistence.Sqlite;

/// <summary>
/// When a connection of this process was last refused a lock on a SQLite file: the signal by which an import committed in
/// slices lets the write lock go only when somebody is waiting for it (<see cref="SqliteImportSlices"/>, decision 039).
/// Every connection the app's contexts open (<see cref="Interceptor"/>) gets a busy handler that notes the refusal and
/// returns at once, so SQLite still answers SQLITE_BUSY and Microsoft.Data.Sqlite tries the command again every 150 ms
/// exactly as without the handler. A writer in another process leaves no note, nor may one on a connection opened outside
/// the app's contexts (unless it happens to get a pooled handle a context opened first): for them the import lets the lock
/// go at least every <see cref="SqliteImportSlices.GapEvery"/>.
/// </summary>
internal static class SqliteLockWaits
{
    /// <summary>Per file (its full path), the note its connections' busy handlers write.</summary>
    private static readonly ConcurrentDictionary<string, Note> Notes = new(StringComparer.Ordinal);

    /// <summary>Adds the busy handler to every connection an EF context opens on a SQLite file.</summary>
    public static DbConnectionInterceptor Interceptor { get; } = new OpenedInterceptor();

    /// <summary>The tick (<see cref="Environment.TickCount64"/>) of the last refusal on <paramref name="file"/>, or 0.</summary>
    public static long LastRefused(string file) => Notes.TryGetValue(Key(file), out var note) ? Volatile.Read(ref note.RefusedAt) : 0;

    /// <summary>Whether a connection of the app's contexts on <paramref name="file"/> got the busy handler: when none did (the
    /// native call failed), no refusal is ever noted for the file, and the import lets the lock go after every slice.</summary>
    public static bool Watches(string file) => Notes.TryGetValue(Key(file), out var note) && note.Watched;

    /// <summary>Notes every refusal <paramref name="connection"/> meets from now on (an open connection on a file).</summary>
    public static unsafe void Watch(SqliteConnection connection)
    {
        if (!SqliteNative.Serves(connection) || connection.Handle is not { } handle || connection.DataSource is not { Length: > 0 } file
            || file == ":memory:")
        {
            return;
        }

        var note = Notes.GetOrAdd(Key(file), static _ => new Note());
        SqliteNative.Check(handle, SqliteNative.BusyHandler(handle.DangerousGetHandle(), &Refused, note.Handle));
        note.Watched = true;
    }

    private static string Key(string file) => Path.GetFullPath(file);

    /// <summary>SQLite's busy handler: called on the refused connection's thread, inside its step. Returns 0: do not wait here.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Refused(nint note, int count)
    {
        Volatile.Write(ref ((Note)GCHandle.FromIntPtr(note).Target!).RefusedAt, Environment.TickCount64);
        return 0;
    }

    /// <summary>One file's last refusal. Lives as long as the process: native handles may point at it from any pooled connection.</summary>
    private sealed class Note
    {
        public long RefusedAt;
        private readonly Lock _taking = new();
        private nint _handle;

        /// <summary>A connection on the file got the handler.</summary>
        public bool Watched { get; set; }

        /// <summary>What the busy handler gets back: this note, held by a GC handle in place of a pointer (taken once, on first use, so a note
        /// <see cref="ConcurrentDictionary{TKey,TValue}.GetOrAdd(TKey,Func{TKey,TValue})"/> made and dropped holds none).</summary>
        public nint Handle
        {
            get
            {
                if (Volatile.Read(ref _handle) == 0)
                {
                    lock (_taking)
                    {
                        if (_handle == 0)
                        {
                            Volatile.Write(ref _handle, GCHandle.ToIntPtr(GCHandle.Alloc(this)));
                        }
                    }
                }

                return _handle;
            }
        }
    }

    private sealed class OpenedInterceptor : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (connection is SqliteConnection sqlite)
            {
                try
                {
                    Watch(sqlite);
                }
                catch (Exception ex) when (ex is SqliteException or DllNotFoundException or EntryPointNotFoundException)
                {
                    // No note from this connection: an import on the file then lets the lock go after every slice
                    // unless another connection got the handler (Watches). Opening the connection must not fail for it.
                }
            }
        }

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            ConnectionOpened(connection, eventData);
            return Task.CompletedTask;
        }
    }
}
