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
    /// <summary>The files a connection was watched on: what <see cref="LastRefused"/> and <see cref="Watches"/> read.</summary>
    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);

    /// <summary>Every file an id was given to (under <see cref="Growing"/>), watched or not yet.</summary>
    private static readonly Dictionary<string, int> Known = new(StringComparer.Ordinal);
    private static readonly Lock Growing = new();
    private static int _files;

    /// <summary>Per file id, the tick of its last refusal. The array is replaced when it grows; the boxes move with it, so a
    /// refusal noted in a box of the old array is not lost.</summary>
    private static StrongBox<long>[] _refusedAt = NewBoxes(16, []);

    /// <summary>Adds the busy handler to every connection an EF context opens on a SQLite file.</summary>
    public static DbConnectionInterceptor Interceptor { get; } = new OpenedInterceptor();

    /// <summary>The tick (<see cref="Environment.TickCount64"/>) of the last refusal on <paramref name="file"/>, or 0.</summary>
    public static long LastRefused(string file)
    {
        if (!Ids.TryGetValue(Key(file), out var id))
        {
            return 0;
        }

        var refusedAt = Volatile.Read(ref _refusedAt);
        return id < refusedAt.Length ? Volatile.Read(ref refusedAt[id].Value) : 0;
    }

    /// <summary>Whether a connection of the app's contexts on <paramref name="file"/> got the busy handler: when none did (the
    /// native call failed), no refusal is ever noted for the file, and the import lets the lock go after every slice.</summary>
    public static bool Watches(string file) => Ids.ContainsKey(Key(file));

    /// <summary>Notes every refusal <paramref name="connection"/> meets from now on (an open connection on a file).</summary>
    public static unsafe void Watch(SqliteConnection connection)
    {
        if (!SqliteNative.Serves(connection) || connection.Handle is not { } handle || connection.DataSource is not { Length: > 0 } file
            || file == ":memory:")
        {
            return;
        }

        var key = Key(file);
        var id = IdOf(key);
        SqliteNative.Check(handle, SqliteNative.BusyHandler(handle.DangerousGetHandle(), &Refused, id));
        Ids.TryAdd(key, id);
    }

    private static string Key(string file) => Path.GetFullPath(file);

    /// <summary>The file's id (an index into the refusal boxes), the same for every connection on it.</summary>
    private static int IdOf(string key)
    {
        lock (Growing)
        {
            if (!Known.TryGetValue(key, out var id))
            {
                Known[key] = id = _files++;
            }

            if (id >= _refusedAt.Length)
            {
                Volatile.Write(ref _refusedAt, NewBoxes(Math.Max(id + 1, _refusedAt.Length * 2), _refusedAt));
            }

            return id;
        }
    }

    private static StrongBox<long>[] NewBoxes(int length, StrongBox<long>[] kept)
    {
        var boxes = new StrongBox<long>[length];
        kept.CopyTo(boxes, 0);
        for (var i = kept.Length; i < length; i++)
        {
            boxes[i] = new StrongBox<long>();
        }

        return boxes;
    }

    /// <summary>SQLite's busy handler: called on the refused connection's thread, inside its step. Returns 0: do not wait here.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Refused(nint id, int count)
    {
        var refusedAt = Volatile.Read(ref _refusedAt);
        if (id < refusedAt.Length)
        {
            Volatile.Write(ref refusedAt[id].Value, Environment.TickCount64);
        }

        return 0;
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
