using ClosedXML.Excel;

namespace ServiceInsights.Data.Import;

/// <summary>
/// The rejected rows of an import as a workbook to fix and re-import: per table a sheet with the original columns in
/// their original order, then the row number and the reason. Values are written as text, exactly as they were read,
/// so that nothing (a leading "=", a long serial number) is reinterpreted. A value longer than a cell holds (32,767
/// characters) is cut with a note in the reader's language.
/// </summary>
public static class RejectedRowsWorkbook
{
    /// <summary>Excel keeps at most 32,767 characters in a cell.</summary>
    public const int MaxCellText = 32_767;

    public static void Write(ImportResult result, Stream output, bool chinese)
    {
        using var workbook = new XLWorkbook();
        foreach (var group in result.Rejections.GroupBy(r => (r.File, r.Sheet, r.Kind)))
        {
            var first = group.First();
            var name = SheetName(workbook, group.Key.Sheet ?? RecordSchemas.For(group.Key.Kind).ChineseName);
            var sheet = workbook.Worksheets.Add(name);
            var headers = first.Headers;
            for (var c = 0; c < headers.Count; c++)
            {
                SetText(sheet.Cell(1, c + 1), Fit(headers[c], chinese));
            }

            var rowColumn = headers.Count + 1;
            SetText(sheet.Cell(1, rowColumn), chinese ? "原行号" : "Row");
            SetText(sheet.Cell(1, rowColumn + 1), chinese ? "错误原因" : "Reason");
            var header = sheet.Range(1, 1, 1, rowColumn + 1);
            header.Style.Font.Bold = true;
            header.Style.Fill.BackgroundColor = XLColor.FromHtml("#E8F5E9");
            sheet.Cell(1, rowColumn + 1).Style.Fill.BackgroundColor = XLColor.FromHtml("#FFEBEE");

            var r = 2;
            foreach (var rejection in group)
            {
                for (var c = 0; c < rejection.Cells.Count && c < headers.Count; c++)
                {
                    SetText(sheet.Cell(r, c + 1), Fit(rejection.Cells[c], chinese));
                }

                sheet.Cell(r, rowColumn).Value = rejection.Row;
                SetText(sheet.Cell(r, rowColumn + 1), Fit(string.Join(chinese ? "；" : "; ", rejection.Errors.Select(e => e.Describe(chinese))), chinese));
                r++;
            }

            sheet.SheetView.FreezeRows(1);
            sheet.Range(1, 1, r - 1, rowColumn + 1).SetAutoFilter();
            for (var c = 1; c <= rowColumn + 1; c++)
            {
                // AdjustToContents needs libgdiplus; estimate: CJK characters are about two units wide.
                var widest = Enumerable.Range(1, Math.Min(r - 1, 200)).Max(row => DisplayWidth(sheet.Cell(row, c).GetString()));
                sheet.Column(c).Width = Math.Clamp(widest + 2, 8, c == rowColumn + 1 ? 80 : 40);
            }
        }

        if (workbook.Worksheets.Count == 0)
        {
            SetText(workbook.Worksheets.Add(chinese ? "无被拒绝的行" : "No rejected rows").Cell(1, 1), chinese ? "所有行均已导入。" : "Every row was imported.");
        }

        workbook.SaveAs(output);
    }

    /// <summary>The text whole when a cell holds it; else its start and a note of how much was cut.</summary>
    public static string Fit(string text, bool chinese)
    {
        if (text.Length <= MaxCellText)
        {
            return text;
        }

        string Note(int kept) => chinese
            ? $"…［已截断：原值 {text.Length:N0} 个字符，此处保留前 {kept:N0} 个］"
            : $"… [cut: the value has {text.Length:N0} characters, the first {kept:N0} are kept]";
        var keep = MaxCellText - Note(MaxCellText).Length;
        keep -= char.IsHighSurrogate(text[keep - 1]) ? 1 : 0;
        return string.Concat(text.AsSpan(0, keep), Note(keep));
    }

    /// <summary>Writes text as text: a value starting with = + - @ never becomes a formula.</summary>
    public static void SetText(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
    }

    public static double DisplayWidth(string text) => text.Sum(ch => ch > 0x2E80 ? 2.0 : 1.1);

    private static string SheetName(XLWorkbook workbook, string wanted)
    {
        var name = new string([.. wanted.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\'))]);
        name = name.Length > 28 ? name[..28] : name.Length == 0 ? "Sheet" : name;
        var candidate = name;
        for (var i = 2; workbook.Worksheets.Contains(candidate); i++)
        {
            candidate = $"{name} {i}";
        }

        return candidate;
    }
}
