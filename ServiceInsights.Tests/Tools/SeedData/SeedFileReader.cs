using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using ServiceInsights.Data.Import;
using ServiceInsights.Tools.SeedData;

namespace ServiceInsights.Tests.Tools.SeedData;

/// <summary>One sheet read back from a seed file: its name, headers and cells (text for CSV; text, number or date for XLSX).</summary>
public sealed record ReadSheet(string Name, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// Reads the seed files back without the app's importer (written in parallel): an RFC 4180 CSV parser, ClosedXML for
/// XLSX, and the documented value forms of docs/IMPORT-FORMAT.md — every cell must be in one of them.
/// </summary>
public static class SeedFileReader
{
    private static readonly string[] DateTimeForms = ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy/M/d HH:mm", "yyyy年M月d日 HH:mm"];
    private static readonly string[] DateForms = ["yyyy-MM-dd", "yyyy/M/d", "yyyy年M月d日"];
    private static readonly string[] SatisfactionWords = ["非常不满意", "不满意", "一般", "满意", "非常满意"];

    public static string Decode(byte[] bytes, CsvEncoding encoding) => encoding switch
    {
        CsvEncoding.Utf8Bom => new UTF8Encoding(false, true).GetString(bytes, 3, bytes.Length - 3),
        CsvEncoding.Utf8 => new UTF8Encoding(false, true).GetString(bytes),
        _ => CsvSeedWriter.Gb18030.GetString(bytes),
    };

    public static IReadOnlyList<ReadSheet> Read(SeedFile file, byte[] bytes)
    {
        if (file.IsXlsx)
        {
            return ReadXlsx(bytes);
        }

        var records = ParseCsv(Decode(bytes, file.Encoding!.Value));
        return [new ReadSheet(file.Name, records[0], [.. records.Skip(1).Select(r => (IReadOnlyList<object?>)[.. r])])];
    }

    /// <summary>RFC 4180: fields separated by commas, records by CRLF, quoted fields may hold commas, quotes ("") and line breaks.</summary>
    public static IReadOnlyList<string[]> ParseCsv(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException("unterminated quoted field");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }

                if (i < text.Length && text[i] != ',' && text[i] != '\r')
                {
                    throw new FormatException($"text after a closing quote at {i}");
                }

                continue;
            }

            switch (text[i])
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    i++;
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add([.. fields]);
                    fields.Clear();
                    i += 2;
                    break;
                case '"' or '\r' or '\n':
                    throw new FormatException($"bare {(int)text[i]} at {i} outside quotes");
                default:
                    field.Append(text[i++]);
                    break;
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            throw new FormatException("last record does not end with CRLF");
        }

        return records;
    }

    public static IReadOnlyList<ReadSheet> ReadXlsx(byte[] bytes)
    {
        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var sheets = new List<ReadSheet>();
        foreach (var worksheet in workbook.Worksheets)
        {
            var used = worksheet.RangeUsed();
            var columns = used.ColumnCount();
            var headers = Enumerable.Range(1, columns).Select(c => worksheet.Cell(1, c).GetString()).ToList();
            var rows = new List<IReadOnlyList<object?>>();
            for (var r = 2; r <= used.RowCount(); r++)
            {
                rows.Add([.. Enumerable.Range(1, columns).Select(c => CellValue(worksheet.Cell(r, c)))]);
            }

            sheets.Add(new ReadSheet(worksheet.Name, headers, rows));
        }

        return sheets;
    }

    private static object? CellValue(IXLCell cell) => cell.IsEmpty()
        ? null
        : cell.DataType switch
        {
            XLDataType.DateTime => cell.GetDateTime(),
            XLDataType.Number => cell.GetDouble(),
            XLDataType.Text => cell.GetString(),
            _ => throw new FormatException($"{cell.Address}: unexpected {cell.DataType} cell"),
        };

    /// <summary>Reads one cell as its field's type, accepting only the documented forms; null for an empty cell.</summary>
    public static object? ReadValue(ImportField field, object? cell)
    {
        switch (cell)
        {
            case null or "":
                return null;
            case DateTime at when field.Type == FieldType.DateTime:
                return new DateTime(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0).AddMinutes(at.Second >= 30 ? 1 : 0);
            case DateTime day when field.Type == FieldType.Date:
                return DateOnly.FromDateTime(day);
            case double number when field.Type is FieldType.Score or FieldType.Satisfaction:
                return number is >= 1 and <= 5 && number == Math.Floor(number) ? (int)number : throw Bad(field, cell);
            case double number when field.Type == FieldType.Decimal:
                return (decimal)number;
            case string:
                break;
            default:
                throw Bad(field, cell);
        }

        var text = (string)cell;
        switch (field.Type)
        {
            case FieldType.Text:
                return text;
            case FieldType.DateTime:
                return DateTime.TryParseExact(text, DateTimeForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : throw Bad(field, text);
            case FieldType.Date:
                return DateOnly.TryParseExact(text, DateForms, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : throw Bad(field, text);
            case FieldType.YesNo:
                return text.ToLowerInvariant() switch
                {
                    "是" or "y" or "yes" or "true" or "1" or "✓" => true,
                    "否" or "n" or "no" or "false" or "0" => false,
                    _ => throw Bad(field, text),
                };
            case FieldType.Enum:
                var word = field.EnumWords.FirstOrDefault(w => w.Chinese == text
                                                               || string.Equals(w.Value.ToString(), text, StringComparison.OrdinalIgnoreCase));
                return word.Value ?? throw Bad(field, text);
            case FieldType.Satisfaction:
                var index = Array.IndexOf(SatisfactionWords, text);
                return index >= 0 ? index + 1 : int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 5 ? n : throw Bad(field, text);
            case FieldType.Score:
                return int.TryParse(text, CultureInfo.InvariantCulture, out var score) && score is >= 1 and <= 5 ? score : throw Bad(field, text);
            case FieldType.Decimal:
                return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var price) ? price : throw Bad(field, text);
            default:
                throw Bad(field, text);
        }
    }

    private static FormatException Bad(ImportField field, object value) =>
        new($"{field.Chinese}/{field.English}: '{value}' is not a documented {field.Type} form");
}
