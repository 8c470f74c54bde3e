using System.Text;
using ClosedXML.Excel;

namespace ServiceInsights.Tests.Builders;

/// <summary>Writes import files for tests: CSV in a chosen encoding, or XLSX with several sheets and typed cells.</summary>
public static class ImportFileBuilder
{
    static ImportFileBuilder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    public static Encoding Utf8Bom => new UTF8Encoding(true);

    public static Encoding Utf8 => new UTF8Encoding(false);

    /// <summary>Rows are written as given (cells quoted when they hold a comma, quote or line break).</summary>
    public static string Csv(TempFolder folder, string name, Encoding encoding, params string[][] rows)
    {
        var path = folder.File(name);
        using var writer = new StreamWriter(path, false, encoding);
        foreach (var row in rows)
        {
            writer.Write(string.Join(",", row.Select(Quote)));
            writer.Write("\r\n");
        }

        return path;
    }

    public static string Xlsx(TempFolder folder, string name, params (string Sheet, object?[][] Rows)[] sheets)
    {
        var path = folder.File(name);
        using var workbook = new XLWorkbook();
        foreach (var (sheetName, rows) in sheets)
        {
            var sheet = workbook.Worksheets.Add(sheetName);
            for (var r = 0; r < rows.Length; r++)
            {
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var cell = sheet.Cell(r + 1, c + 1);
                    switch (rows[r][c])
                    {
                        case null:
                            break;
                        case DateTime d:
                            cell.Value = d;
                            cell.Style.DateFormat.Format = "yyyy-mm-dd hh:mm";
                            break;
                        case double n:
                            cell.Value = n;
                            break;
                        case string s:
                            cell.SetValue(s);
                            cell.DataType = XLDataType.Text;
                            break;
                        case var other:
                            cell.Value = other;
                            break;
                    }
                }
            }
        }

        workbook.SaveAs(path);
        return path;
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
}
