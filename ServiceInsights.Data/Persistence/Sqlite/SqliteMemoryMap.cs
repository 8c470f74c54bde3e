using Microsoft.EntityFrameworkCore;

namespace ServiceInsights.Data.Persistence.Sqlite;

/// <summary>The KPI loading's reads through SQLite's memory map; nothing on other providers.</summary>
internal static class SqliteMemoryMap
{
    /// <summary>
    /// SQLite reads the month's rows scattered over a large file page by page; through the file's memory map rather than a
    /// read call per page, which was most of the queries' own CPU time (kernel time) on the 1M-ticket bench database. A
    /// per-connection setting, so it is turned off again when the query is done (<paramref name="map"/> false): the pooled
    /// connection then lets go of the mapped pages, and the process's working set does not keep every page any month's
    /// run touched (the pages stay in the OS page cache; mapping them again costs page faults, not reads).
    /// </summary>
    public static async Task MapAsync(ServiceInsightsDbContext db, bool map, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync(map ? "PRAGMA mmap_size = 4294967296;" : "PRAGMA mmap_size = 0;", cancellationToken);
        }
    }
}
