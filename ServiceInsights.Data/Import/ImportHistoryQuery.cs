using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Import;

/// <summary>One import of the history, its times in the department's time zone.</summary>
public sealed record ImportHistoryRow(
    long Id,
    string FileName,
    string UserName,
    DateTime StartedAt,
    DateTime FinishedAt,
    IReadOnlyList<RecordKind> Kinds,
    ImportStatus Status,
    int New,
    int Updated,
    int Unchanged,
    int Rejected,
    long FileSize,
    string Sha256,
    string? Message);

/// <summary>One page of the import history, newest first, and how many imports there are in all.</summary>
public sealed record ImportHistoryPage(IReadOnlyList<ImportHistoryRow> Rows, int TotalCount);

/// <summary>The import history (<see cref="ImportBatch"/>), newest first, a page at a time.</summary>
public sealed class ImportHistoryQuery(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    public const int MaxPageSize = 200;

    public async Task<ImportHistoryPage> ListAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(page, 0);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var total = await db.ImportBatches.CountAsync(cancellationToken);
        // Ids grow with time; ordering by them is stable where two imports start in the same instant.
        var batches = await db.ImportBatches.AsNoTracking()
            .OrderByDescending(b => b.Id)
            .Skip(page * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new ImportHistoryPage([.. batches.Select(ToRow)], total);
    }

    private ImportHistoryRow ToRow(ImportBatch b) => new(
        b.Id, b.FileName, b.UserName, clock.ToLocal(b.StartedAt), clock.ToLocal(b.FinishedAt), Kinds(b.Kinds), b.Status,
        b.NewRows, b.UpdatedRows, b.UnchangedRows, b.RejectedRows, b.FileSize, b.Sha256, b.Message);

    /// <summary>"Tickets,Repairs" as kinds; a name this version does not know is skipped rather than failing the page.</summary>
    private static IReadOnlyList<RecordKind> Kinds(string kinds) =>
        [.. kinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(k => Enum.TryParse<RecordKind>(k, out var kind) ? kind : (RecordKind?)null)
            .OfType<RecordKind>()];
}
