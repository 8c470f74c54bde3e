namespace ServiceInsights.Data.Import;

/// <summary>
/// One row as read: its spreadsheet row number (the header is row 1), its cells and, for a CSV line, how many fields it
/// had (-1 for a sheet, where a cell has its column): a CSV row with more or fewer fields than the header is rejected.
/// </summary>
public readonly record struct SourceRow(int RowNumber, object?[] Cells, int FieldCount = -1);

/// <summary>One table of an import file: a CSV file or one sheet of a workbook, read forwards once.</summary>
public abstract class TableSource(string fileName, string? sheetName)
{
    public string FileName { get; } = fileName;

    /// <summary>The sheet's name, or null for a CSV file.</summary>
    public string? SheetName { get; } = sheetName;

    /// <summary>The header row's cells (trimmed), in file order.</summary>
    public abstract IReadOnlyList<string> Headers { get; }

    /// <summary>The data rows, skipping rows whose cells are all empty.</summary>
    public abstract IEnumerable<SourceRow> Rows(CancellationToken cancellationToken);

    /// <summary>"tickets.xlsx › 工单" or "tickets.csv", for messages.</summary>
    public string Describe() => SheetName is null ? FileName : $"{FileName} › {SheetName}";
}

/// <summary>An import file opened for reading: its tables in order and how far through the bytes the reader is.</summary>
public interface IImportFile : IDisposable
{
    IEnumerable<TableSource> Tables();

    long Length { get; }

    long Position { get; }
}

/// <summary>
/// A file that cannot be read at all (not CSV/XLSX, corrupt, no header, unknown kind): nothing is stored. The message
/// is English (the CLI, logs); <see cref="Chinese"/> is what a zh-CN user reads.
/// </summary>
public sealed class ImportFileException(string message, string chinese, Exception? inner = null) : Exception(message, inner)
{
    public string Chinese { get; } = chinese;
}

public static class ImportFiles
{
    public static IReadOnlyList<string> Extensions { get; } = [".csv", ".txt", ".xlsx", ".xls"];

    /// <summary>Opens a CSV or Excel file by its extension (the name the user gave it).</summary>
    public static IImportFile Open(string path, string? fileName = null, ImportLimits? limits = null)
    {
        var name = fileName ?? Path.GetFileName(path);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        try
        {
            return extension switch
            {
                ".csv" or ".txt" => new CsvImportFile(path, name, limits),
                ".xlsx" or ".xls" => new ExcelImportFile(path, name, limits),
                _ => throw new ImportFileException($"{name}: not a CSV or Excel file (.csv, .xlsx, .xls).",
                    $"{name}：不是 CSV 或 Excel 文件（.csv、.xlsx、.xls）。"),
            };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ImportFileException($"{name}: {ex.Message}", $"{name}：无法打开文件（{ex.Message}）。", ex);
        }
    }
}

/// <summary>The refusals of a file over a per-file limit, naming the limit and the setting that raises it.</summary>
public static class LimitException
{
    public static ImportFileException Rows(string where, int limit) => new(
        $"{where}: more than {limit:N0} rows (the limit Import:MaxRowsPerSheet); nothing was stored. Split the file.",
        $"{where}：超过 {limit:N0} 行（上限 Import:MaxRowsPerSheet），未保存任何数据。请拆分文件。");

    public static ImportFileException Cells(string where, long row, int limit) => new(
        $"{where}: row {row} has more than {limit:N0} cells (the limit Import:MaxCellsPerRow); nothing was stored.",
        $"{where}：第 {row} 行超过 {limit:N0} 个单元格（上限 Import:MaxCellsPerRow），未保存任何数据。");

    public static ImportFileException PartSize(string where, string part, long limit) => new(
        $"{where}: the part {part} of the workbook unpacks to more than {limit / (1024 * 1024):N0} MB (the limit Import:MaxPartMB); nothing was stored.",
        $"{where}：工作簿中的 {part} 解压后超过 {limit / (1024 * 1024):N0} MB（上限 Import:MaxPartMB），未保存任何数据。");
}
