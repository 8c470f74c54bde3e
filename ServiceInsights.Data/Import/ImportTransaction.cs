using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Persistence.Sqlite;

namespace ServiceInsights.Data.Import;

/// <summary>
/// The transactions an import writes its records in: the writer's seam. This default serves any provider: one
/// transaction from the batch row to the commit, so a failure rolls everything back (SQL Server's row locks let other
/// writers through meanwhile). On a SQLite file, whose one write lock would keep every other write — a sign-in, a settings
/// change, an 8D autosave — waiting for the whole import, <see cref="SqliteImportSlices"/> commits in short slices and
/// undoes the committed ones on failure. A preview reads in one transaction that takes no write lock (on SQLite, a
/// deferred one: one snapshot, which in WAL mode never blocks a writer).
/// </summary>
internal class ImportTransaction : IAsyncDisposable
{
    protected ImportTransaction(ServiceInsightsDbContext db) => Db = db;

    protected ServiceInsightsDbContext Db { get; }

    /// <param name="sliceLength">SQLite: how long one slice may hold the write lock (null: the default).</param>
    public static async Task<ImportTransaction> BeginAsync(ServiceInsightsDbContext db, bool dryRun, TimeSpan? sliceLength = null)
    {
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        if (!dryRun && SqliteImportSlices.Serves(db))
        {
            return new SqliteImportSlices(db, sliceLength);
        }

        if (!dryRun || !await SqliteImportSlices.BeginReadingAsync(db))
        {
            await db.Database.BeginTransactionAsync(CancellationToken.None);
        }

        return new ImportTransaction(db);
    }

    /// <summary>The transaction the writer's commands run in now (call <see cref="Enter"/> first).</summary>
    public DbTransaction Current => Db.Database.CurrentTransaction?.GetDbTransaction()
                                    ?? throw new InvalidOperationException("The import has no open transaction.");

    /// <summary>Stores the batch row the records name: here in the transaction; committed at once, as running, by slices.</summary>
    public virtual async Task StartAsync(ImportBatch batch, CancellationToken cancellationToken)
    {
        Db.ImportBatches.Add(batch);
        await Db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Before the writer writes a batch of rows: a transaction is open afterwards. True when it is another one than at the
    /// last call (a slice ended), so the writer's commands must move to <see cref="Current"/>.
    /// </summary>
    public virtual bool Enter() => false;

    /// <summary>The writer waits for the reader: a slice may end here, so that the lock is not held while nothing is written.</summary>
    public virtual void Idle()
    {
    }

    /// <summary>
    /// The table that keeps the stored version of a row of <paramref name="table"/> before this import updates it, or
    /// null when a rollback undoes the update anyway (one transaction). Call inside <see cref="Enter"/>.
    /// </summary>
    public virtual string? JournalOf(string table) => null;

    /// <summary>Records the batch's outcome (already set on the tracked batch row) and commits.</summary>
    public virtual async Task CommitAsync(CancellationToken cancellationToken)
    {
        await Db.SaveChangesAsync(cancellationToken);
        await Db.Database.CommitTransactionAsync(cancellationToken);
    }

    /// <summary>Leaves the stored records as they were before the import: whatever it wrote is undone.</summary>
    public virtual async Task RollbackAsync(ImportBatch batch)
    {
        if (Db.Database.CurrentTransaction is not null)
        {
            await Db.Database.RollbackTransactionAsync(CancellationToken.None);
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Db.Database.CurrentTransaction is { } open)
        {
            await open.DisposeAsync();
        }
    }
}
