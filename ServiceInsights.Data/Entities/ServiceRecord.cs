namespace ServiceInsights.Data.Entities;

/// <summary>
/// What every imported record has: a surrogate id, the key the department's ticket system gives it, and the hash of
/// its imported values, which tells a re-import whether the row changed (new / updated / unchanged).
/// </summary>
public abstract class ServiceRecord
{
    public long Id { get; set; }

    /// <summary>Hash of the normalised imported values; equal hash = unchanged on re-import.</summary>
    public long ContentHash { get; set; }

    /// <summary>
    /// The import that last wrote the record; its <see cref="ImportBatch.StartedAt"/> is when. (No column of its own
    /// for the time: one value fewer to write per row of a million-row import.)
    /// </summary>
    public long? ImportBatchId { get; set; }
}
