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
/// exactly as without the handler. A writer in another process, or on a connection opened outside the app's contexts,
/// leaves no note: for it the import lets the lock go at least every <see cref="SqliteImportSlices.GapEvery"/>.
/// </summary>
internal static class SqliteLockWaits
{
    private static readonly ConcurrentDictionary<string, int> Ids = new(StringComparer.Ordinal);
    private static long[] _refusedAt = new long[16];
    private static readonly Lock Growing = new();
    private static int _files;

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
        return id < refusedAt.Length ? Volatile.Read(ref refusedAt[id]) : 0;
    }

    /// <summary>Notes every refusal <paramref name="connection"/> meets from now on (an open connection on a file).</summary>
    public static unsafe void Watch(SqliteConnection connection)
    {
        if (!SqliteNative.Serves(connection) || connection.Handle is not { } handle || connection.DataSource is not { Length: > 0 } file
            || file == ":memory:")
        {
            return;
        }

        var id = IdOf(Key(file));
        SqliteNative.Check(handle, SqliteNative.BusyHandler(handle.DangerousGetHandle(), &Refused, id));
    }

    private static string Key(string file) => Path.GetFullPath(file);

    private static int IdOf(string key)
    {
        var id = Ids.GetOrAdd(key, _ => Interlocked.Increment(ref _files) - 1);
        if (id >= Volatile.Read(ref _refusedAt).Length)
        {
            lock (Growing)
            {
                if (id >= _refusedAt.Length)
                {
                    var grown = new long[Math.Max(id + 1, _refusedAt.Length * 2)];
                    _refusedAt.CopyTo(grown);
                    Volatile.Write(ref _refusedAt, grown);
                }
            }
        }

        return id;
    }

    /// <summary>SQLite's busy handler: called on the refused connection's thread, inside its step. Returns 0: do not wait here.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Refused(nint id, int count)
    {
        var refusedAt = Volatile.Read(ref _refusedAt);
        if (id < refusedAt.Length)
        {
            Volatile.Write(ref refusedAt[id], Environment.TickCount64);
        }

        return 0;
    }

    private sealed class OpenedInterceptor : DbConnectionInterceptor
    {
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (connection is SqliteConnection sqlite)
            {
                Watch(sqlite);
            }
        }

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            ConnectionOpened(connection, eventData);
            return Task.CompletedTask;
        }
    }
}
