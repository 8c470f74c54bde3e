using ServiceInsights.Data.Import;

namespace ServiceInsights.Web.Import;

/// <summary>The <c>Import</c> section of the configuration: the upload size and the limits every import enforces while reading.</summary>
public sealed class ImportSettings
{
    public const string Section = "Import";

    /// <summary>The largest file the Import page takes, in megabytes (<c>Import:MaxFileSizeMB</c>, default 200).</summary>
    public int MaxFileSizeMB { get; set; } = 200;

    public long MaxFileSizeBytes => MaxFileSizeMB * 1024L * 1024L;

    /// <summary>Characters of a key (<c>Import:MaxKeyLength</c>, default and most 64: the database column).</summary>
    public int MaxKeyLength { get; set; } = ImportLimits.Default.KeyLength;

    /// <summary>Characters of a name or other short text (<c>Import:MaxShortTextLength</c>, default and most 200).</summary>
    public int MaxShortTextLength { get; set; } = ImportLimits.Default.ShortTextLength;

    /// <summary>Characters of a long text such as 问题描述 (<c>Import:MaxLongTextLength</c>, default 10,000).</summary>
    public int MaxLongTextLength { get; set; } = ImportLimits.Default.LongTextLength;

    /// <summary>Data rows of one sheet or CSV file (<c>Import:MaxRowsPerSheet</c>, default 2,000,000).</summary>
    public int MaxRowsPerSheet { get; set; } = ImportLimits.Default.RowsPerSheet;

    /// <summary>Uncompressed megabytes of one part of an XLSX file (<c>Import:MaxPartMB</c>, default 1,024).</summary>
    public int MaxPartMB { get; set; } = (int)(ImportLimits.Default.PartBytes / (1024 * 1024));

    /// <summary>Cells of one row (<c>Import:MaxCellsPerRow</c>, default 1,000).</summary>
    public int MaxCellsPerRow { get; set; } = ImportLimits.Default.CellsPerRow;

    public ImportLimits ToLimits() => new()
    {
        KeyLength = MaxKeyLength,
        ShortTextLength = MaxShortTextLength,
        LongTextLength = MaxLongTextLength,
        RowsPerSheet = MaxRowsPerSheet,
        PartBytes = MaxPartMB * 1024L * 1024L,
        CellsPerRow = MaxCellsPerRow,
    };

    /// <summary>Why the settings cannot be used, or null: every limit positive, keys and names within their database columns.</summary>
    public string? Problem() =>
        MaxFileSizeMB <= 0 ? $"{Section}:MaxFileSizeMB must be a positive number of megabytes."
        : MaxKeyLength is <= 0 or > 64 ? $"{Section}:MaxKeyLength must be 1–64 (the key columns hold 64 characters)."
        : MaxShortTextLength is <= 0 or > 200 ? $"{Section}:MaxShortTextLength must be 1–200 (the name columns hold 200 characters)."
        : MaxLongTextLength < MaxShortTextLength ? $"{Section}:MaxLongTextLength must be at least {Section}:MaxShortTextLength."
        : MaxLongTextLength > 1_000_000 ? $"{Section}:MaxLongTextLength must be at most 1,000,000."
        : MaxRowsPerSheet <= 0 ? $"{Section}:MaxRowsPerSheet must be positive."
        : MaxPartMB <= 0 ? $"{Section}:MaxPartMB must be a positive number of megabytes."
        : MaxCellsPerRow <= 0 ? $"{Section}:MaxCellsPerRow must be positive."
        : null;
}
