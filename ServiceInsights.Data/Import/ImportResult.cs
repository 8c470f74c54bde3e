using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Import;

/// <summary>What the user asked for: a kind for every table (or detect), a preview (dry run) or a commit, and who.</summary>
public sealed record ImportOptions(RecordKind? Kind = null, bool DryRun = false, string UserName = "");

/// <summary>Progress of a running import: rows read so far and how far through the file's bytes.</summary>
public sealed record ImportProgress(long Rows, long BytesRead, long TotalBytes, string Table)
{
    public double Fraction => TotalBytes == 0 ? 0 : Math.Clamp((double)BytesRead / TotalBytes, 0, 1);
}

/// <summary>The outcome for one table (a CSV file or one sheet).</summary>
public sealed record TableResult(string Table, string? Sheet, RecordKind? Kind, int New, int Updated, int Unchanged, int Rejected,
    IReadOnlyList<string> UnknownColumns, string? SkippedBecause = null, string? SkippedBecauseChinese = null)
{
    /// <summary>Why a sheet was skipped, in the reader's language.</summary>
    public string? Skipped(bool chinese) => chinese ? SkippedBecauseChinese ?? SkippedBecause : SkippedBecause;

    public int Total => New + Updated + Unchanged + Rejected;

    /// <summary>Rows whose result columns were all empty (未填写, <see cref="RecordSchema.ResultProperties"/>): skipped, not counted in <see cref="Total"/>.</summary>
    public int Unfilled { get; init; }
}

/// <summary>A rejected row: where it was, every bad cell with its reason, and the row as it was (to fix and re-import).</summary>
public sealed record RowRejection(string File, string? Sheet, int Row, RecordKind Kind, IReadOnlyList<CellError> Errors,
    IReadOnlyList<string> Headers, IReadOnlyList<string> Cells)
{
    /// <summary>"tickets.csv, row 7, 来电时间: '2026-13-45' not a date-time (e.g. 2026-03-05 14:20)"</summary>
    public string Describe(bool chinese)
    {
        var where = Sheet is null ? File : $"{File} › {Sheet}";
        var reasons = string.Join(chinese ? "；" : "; ", Errors.Select(e => e.Describe(chinese)));
        return chinese ? $"{where}，第 {Row} 行，{reasons}" : $"{where}, row {Row}, {reasons}";
    }
}

/// <summary>The outcome of importing (or previewing) one file.</summary>
public sealed record ImportResult(
    string FileName,
    string Sha256,
    long FileSize,
    bool DryRun,
    IReadOnlyList<TableResult> Tables,
    IReadOnlyList<RowRejection> Rejections,
    string? FatalError,
    ImportStatus Status,
    TimeSpan Elapsed,
    long? BatchId = null,
    string? FatalErrorChinese = null)
{
    /// <summary>Why nothing was stored, in the reader's language (<see cref="FatalError"/> is the English text).</summary>
    public string? Fatal(bool chinese) => chinese ? FatalErrorChinese ?? FatalError : FatalError;

    /// <summary>At most this many rejected rows are kept with their cells (for the screen and the workbook); all are counted.</summary>
    public const int RejectionsKept = 10_000;

    /// <summary>Characters of rejected rows' cells kept whole (about 40 MB); later rejected rows keep each cell's first characters.</summary>
    public const long RejectedCharsKept = 20_000_000;

    public int New => Tables.Sum(t => t.New);
    public int Updated => Tables.Sum(t => t.Updated);
    public int Unchanged => Tables.Sum(t => t.Unchanged);
    public int Rejected => Tables.Sum(t => t.Rejected);
    public int Rows => Tables.Sum(t => t.Total);
    public int Unfilled => Tables.Sum(t => t.Unfilled);

    /// <summary>True when the file could be read and every row was taken.</summary>
    public bool Clean => FatalError is null && Rejected == 0 && Status is ImportStatus.Committed;
}
