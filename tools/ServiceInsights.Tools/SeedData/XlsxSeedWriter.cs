using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using ServiceInsights.Data.Import;

namespace ServiceInsights.Tools.SeedData;

/// <summary>
/// Writes sheets to an XLSX workbook with ClosedXML: a bold, frozen header row, text cells for text (a serial number stays
/// text), number cells for scores, satisfaction numbers and prices, and — when the style says so — real date cells.
/// The saved package is rewritten with fixed entry timestamps so that the same records give the same bytes.
/// </summary>
public static partial class XlsxSeedWriter
{
    public static byte[] Render(IReadOnlyList<SeedSheet> sheets, SeedDataSet data)
    {
        var stamp = data.Options.AsOf;
        using var workbook = new XLWorkbook();
        workbook.Properties.Author = "工程服务部";
        workbook.Properties.Created = stamp;
        workbook.Properties.Modified = stamp;
        foreach (var sheet in sheets)
        {
            WriteSheet(workbook.Worksheets.Add(sheet.Name), sheet, data);
        }

        using var saved = new MemoryStream();
        workbook.SaveAs(saved);
        return WithFixedTimestamps(saved.ToArray(), stamp);
    }

    private static void WriteSheet(IXLWorksheet worksheet, SeedSheet sheet, SeedDataSet data)
    {
        var fields = sheet.Schema.Fields;
        var properties = fields.Select(f => sheet.Schema.EntityType.GetProperty(f.Property)!).ToList();
        var widths = new double[fields.Count];
        for (var c = 0; c < fields.Count; c++)
        {
            var header = fields[c].Header(sheet.Style.ChineseHeaders);
            worksheet.Cell(1, c + 1).SetValue(header);
            widths[c] = DisplayWidth(header);
        }

        var rows = sheet.Rows(data);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < fields.Count; c++)
            {
                var width = WriteCell(worksheet.Cell(r + 2, c + 1), fields[c], properties[c].GetValue(rows[r]), sheet.Style);
                widths[c] = Math.Max(widths[c], width);
            }
        }

        worksheet.Row(1).Style.Font.Bold = true;
        worksheet.SheetView.FreezeRows(1);
        for (var c = 0; c < fields.Count; c++)
        {
            // AdjustToContents() needs libgdiplus; CJK characters count double.
            worksheet.Column(c + 1).Width = Math.Min(60, widths[c] + 2);
        }
    }

    /// <summary>Writes one value and returns its display width.</summary>
    private static double WriteCell(IXLCell cell, ImportField field, object? value, ValueStyle style)
    {
        switch (value)
        {
            case null:
                return 0;
            case DateTime at when style.DateTimes == DateTimeForm.Cell:
                cell.SetValue(at);
                cell.Style.DateFormat.Format = "yyyy-mm-dd hh:mm";
                return 16;
            case DateOnly date when style.DateTimes == DateTimeForm.Cell:
                cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
                cell.Style.DateFormat.Format = "yyyy-mm-dd";
                return 10;
            case decimal price:
                cell.SetValue(price);
                cell.Style.NumberFormat.Format = "0.00";
                return price.ToString("0.00", CultureInfo.InvariantCulture).Length;
            case int number when field.Type == FieldType.Score || style.Satisfaction == SatisfactionForm.Numbers:
                cell.SetValue(number);
                return 2;
        }

        var text = SeedValueFormatter.Format(field, value, style);
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
        return DisplayWidth(text);
    }

    private static double DisplayWidth(string text)
    {
        var width = 0.0;
        foreach (var ch in text)
        {
            width += ch > 0x2E80 ? 2 : 1.1;
        }

        return width;
    }

    /// <summary>
    /// System.IO.Packaging stamps every entry with the current time and names the core-properties part and the package
    /// relationships after fresh Guids. Rewrite the package with a fixed timestamp, a fixed part name and numbered ids.
    /// </summary>
    private static byte[] WithFixedTimestamps(byte[] package, DateTime stamp)
    {
        const string CorePropertiesFolder = "package/services/metadata/core-properties/";
        const string CoreProperties = CorePropertiesFolder + "core.psmdcp";
        using var input = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        var randomCore = input.Entries.Select(e => e.FullName)
            .SingleOrDefault(n => n.StartsWith(CorePropertiesFolder, StringComparison.Ordinal));
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                var name = entry.FullName == randomCore ? CoreProperties : entry.FullName;
                var copy = zip.CreateEntry(name, CompressionLevel.Optimal);
                copy.LastWriteTime = new DateTimeOffset(stamp, TimeSpan.Zero);
                using var source = entry.Open();
                using var target = copy.Open();
                if (entry.FullName == "_rels/.rels")
                {
                    using var reader = new StreamReader(source, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
                    var xml = reader.ReadToEnd();
                    if (randomCore is not null)
                    {
                        xml = xml.Replace("/" + randomCore, "/" + CoreProperties, StringComparison.Ordinal);
                    }

                    var n = 0;
                    xml = GuidRelationshipId().Replace(xml, _ => "Id=\"rIdPkg" + (++n).ToString(CultureInfo.InvariantCulture) + "\"");
                    target.Write(Encoding.UTF8.GetBytes(xml));
                }
                else
                {
                    source.CopyTo(target);
                }
            }
        }

        return output.ToArray();
    }

    [GeneratedRegex("Id=\"R[0-9a-f]{16}\"")]
    private static partial Regex GuidRelationshipId();
}
