using System.Drawing;
using Microsoft.Extensions.Localization;
using ServiceInsights.Web.Exports.Excel;
using ServiceInsights.Web.Exports.Pdf;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;

namespace ServiceInsights.Web.Exports.EightD;

/// <summary>
/// The 8D form as a workbook, written with SpreadCheetah like every report workbook (docs/decisions/010, 012): the form
/// on one sheet laid out as the familiar 8D spreadsheet templates are — a title band, the header block as bordered
/// label/value cells (values merged across columns), one coloured band per discipline, its fields and tables (each
/// table column merged over a share of the sheet's <see cref="Columns"/> columns), open items in highlighted rows, the
/// sign-off — then a sheet of the linked records. Every string is written as a text cell, never a formula.
/// </summary>
public sealed class EightDSheet(EightDForm form, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The form sheet's grid: eight equal columns, as the paper templates have.</summary>
    public const int Columns = 8;

    private const double ColumnWidth = 14;
    private const double LineHeight = 15;

    public static readonly Color BandFill = Color.FromArgb(0x1F, 0x4E, 0x79);
    public static readonly Color LabelFill = Color.FromArgb(0xE3, 0xEA, 0xF2);
    public static readonly Color OpenFill = Color.FromArgb(0xFF, 0xF4, 0xE5);
    private static readonly Color OpenText = Color.FromArgb(0xB3, 0x5C, 0x00);
    private static readonly Color Line = Color.FromArgb(0x8A, 0x9B, 0xAE);

    private Spreadsheet _sheet = null!;
    private int _row;
    private readonly Dictionary<string, StyleId> _styles = [];

    public async Task<byte[]> GenerateAsync(CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream();
        await using (_sheet = await Spreadsheet.CreateNewAsync(stream, cancellationToken: cancellationToken))
        {
            AddStyles();
            var names = new SheetNames();
            var options = new WorksheetOptions();
            for (var c = 1; c <= Columns; c++)
            {
                options.Column(c).Width = ColumnWidth;
            }

            await _sheet.StartWorksheetAsync(names.Unique(form.Number), options, cancellationToken);
            await WriteFormAsync(cancellationToken);
            await WriteRecordsAsync(names.Unique(form.Records.Title), cancellationToken);
            await _sheet.FinishAsync(cancellationToken);
        }

        return stream.ToArray();
    }

    private async Task WriteFormAsync(CancellationToken ct)
    {
        await BandAsync($"{form.Title} · {form.Model.Document.Title}", "title", 26, ct);
        await BandAsync($"{localizer["App.Department"].Value} · {form.Number} · {localizer["Pdf.GeneratedAt", form.Model.GeneratedAt.ToString("yyyy-MM-dd HH:mm")].Value}",
            "subtitle", LineHeight, ct);
        await FieldsAsync(form.Header, ct);
        await OpenItemsAsync(form.HeaderOpenItems, ct);
        foreach (var section in form.Sections)
        {
            await BlankAsync(ct);
            await BandAsync(section.Title, "band", 20, ct);
            await FieldsAsync(section.Fields, ct);
            foreach (var table in section.Tables)
            {
                if (section.Tables.Count > 1 || section.Fields.Count > 0 || table.Title != section.Title)
                {
                    await BandAsync(table.Title, "caption", LineHeight, ct);
                }

                await TableAsync(table, ct);
            }

            if (section.Text is { } text)
            {
                await CellsAsync([(text, "text", Columns)], ct);
            }

            await OpenItemsAsync(section.OpenItems, ct);
        }

        await BlankAsync(ct);
        await BandAsync(form.SignOff.Title, "band", 20, ct);
        await TableAsync(form.SignOff, ct, minHeight: 2 * LineHeight);
    }

    /// <summary>The linked records: a plain table with a frozen, filtered header, like a report's detail sheet.</summary>
    private async Task WriteRecordsAsync(string name, CancellationToken ct)
    {
        var table = form.Records;
        var widths = new ColumnWidths(table.Columns.Count);
        for (var c = 0; c < table.Columns.Count; c++)
        {
            widths.MeasureHeader(c, table.Columns[c].Header);
            foreach (var row in table.Rows)
            {
                widths.MeasureCell(c, row[c], table.Columns[c].Format);
            }
        }

        var options = new WorksheetOptions
        {
            FrozenRows = 1,
            AutoFilter = new AutoFilterOptions($"A1:{ReportWorkbook.ColumnLetter(table.Columns.Count)}{table.Rows.Count + 1}"),
        };
        for (var c = 0; c < widths.Count; c++)
        {
            options.Column(c + 1).Width = widths.Width(c);
        }

        await _sheet.StartWorksheetAsync(name, options, ct);
        await _sheet.AddRowAsync(table.Columns.Select(c => new StyledCell(c.Header, _styles["header"])).ToArray(), ct);
        foreach (var row in table.Rows)
        {
            await _sheet.AddRowAsync(table.Columns.Select((c, i) => Cell(row[i], c.Format, "cell")).ToArray(), ct);
        }
    }

    /// <summary>Label/value cells, two pairs to a row (label one column, value three); a field of span 2 fills the row.</summary>
    private async Task FieldsAsync(IReadOnlyList<FormField> fields, CancellationToken ct)
    {
        var line = new List<(object? Value, string Style, int Span)>();
        var used = 0;
        foreach (var field in fields)
        {
            var span = Math.Clamp(field.Span, 1, 2);
            if (used + span > 2)
            {
                await FlushAsync();
            }

            line.Add((field.Label, "label", 1));
            line.Add((field.Value, field.Open ? "open" : "value", span * 4 - 1));
            used += span;
        }

        await FlushAsync();

        async Task FlushAsync()
        {
            if (line.Count == 0)
            {
                return;
            }

            // The last value stretches to the end of the row.
            var taken = line.Sum(c => c.Span);
            line[^1] = line[^1] with { Span = line[^1].Span + Columns - taken };
            await CellsAsync(line, ct);
            line.Clear();
            used = 0;
        }
    }

    private async Task TableAsync(FormTable table, CancellationToken ct, double minHeight = 0)
    {
        var spans = Spans(table.Columns.Select(c => c.Width).ToList());
        await CellsAsync(table.Columns.Select((c, i) => ((object?)c.Header, "header", spans[i])).ToList(), ct);
        if (table.Rows.Count == 0)
        {
            await CellsAsync([(localizer["Pdf.NoRecords"].Value, "none", Columns)], ct);
            return;
        }

        foreach (var row in table.Rows)
        {
            await CellsAsync(table.Columns.Select((c, i) => (row[i], CellStyle(c.Format), spans[i])).ToList(), ct, minHeight);
        }
    }

    private async Task OpenItemsAsync(IReadOnlyList<string> items, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return;
        }

        await BandAsync(localizer["EightDForm.OpenItems"].Value, "openband", LineHeight + 2, ct);
        foreach (var item in items)
        {
            await CellsAsync([("• " + item, "openitem", Columns)], ct);
        }
    }

    private async Task BandAsync(string text, string style, double height, CancellationToken ct)
    {
        _row++;
        var cells = new StyledCell[Columns];
        cells[0] = new StyledCell(text, _styles[style]);
        for (var c = 1; c < Columns; c++)
        {
            cells[c] = new StyledCell(new DataCell(), _styles[style]);
        }

        await _sheet.AddRowAsync(cells, new RowOptions { Height = Math.Min(ReportWorkbook.MaxRowHeight, height) }, ct);
        _sheet.MergeCells($"A{_row}:{ReportWorkbook.ColumnLetter(Columns)}{_row}");
    }

    private async Task BlankAsync(CancellationToken ct)
    {
        _row++;
        await _sheet.AddRowAsync(Array.Empty<StyledCell>(), ct);
    }

    /// <summary>One row of cells, each merged over its span; the row is as tall as its longest wrapped text needs.</summary>
    private async Task CellsAsync(IReadOnlyList<(object? Value, string Style, int Span)> cells, CancellationToken ct, double minHeight = 0)
    {
        _row++;
        var row = new List<StyledCell>(Columns);
        var merges = new List<string>();
        var lines = 1;
        foreach (var (value, style, span) in cells)
        {
            var first = row.Count + 1;
            var format = value is string ? CellFormat.Text : FormatOf(style);
            row.Add(Cell(value, format, style));
            for (var i = 1; i < span; i++)
            {
                row.Add(new StyledCell(new DataCell(), _styles[style]));
            }

            if (span > 1)
            {
                merges.Add($"{ReportWorkbook.ColumnLetter(first)}{_row}:{ReportWorkbook.ColumnLetter(first + span - 1)}{_row}");
            }

            lines = Math.Max(lines, LinesOf(value, span * ColumnWidth - 1));
        }

        // Excel refuses a row taller than 409 points (27 lines); a longer text keeps wrapping inside the capped row.
        await _sheet.AddRowAsync(row, new RowOptions { Height = Math.Min(ReportWorkbook.MaxRowHeight, Math.Max(minHeight, lines * LineHeight + 3)) }, ct);
        foreach (var range in merges)
        {
            _sheet.MergeCells(range);
        }
    }

    /// <summary>Lines a text needs in a merged cell of <paramref name="width"/> units (CJK two units a character).</summary>
    private static int LinesOf(object? value, double width) => value is string s
        ? s.Split('\n').Sum(part => Math.Max(1, (int)Math.Ceiling(ColumnWidths.TextWidth(part) / Math.Max(1, width))))
        : 1;

    /// <summary>The table's columns over the sheet's eight: by their relative widths, at least one each.</summary>
    public static int[] Spans(IReadOnlyList<double> widths)
    {
        var n = Math.Min(widths.Count, Columns);
        var total = widths.Take(n).Sum(w => Math.Max(0.01, w));
        var ideal = widths.Take(n).Select(w => Columns * Math.Max(0.01, w) / total).ToArray();
        var spans = ideal.Select(x => Math.Max(1, (int)Math.Floor(x))).ToArray();
        while (spans.Sum() < Columns)
        {
            var i = Enumerable.Range(0, n).MaxBy(i => ideal[i] - spans[i]);
            spans[i]++;
        }

        while (spans.Sum() > Columns)
        {
            var i = Enumerable.Range(0, n).Where(i => spans[i] > 1).MinBy(i => ideal[i] - spans[i]);
            spans[i]--;
        }

        return spans;
    }

    private StyledCell Cell(object? value, CellFormat format, string style)
    {
        var id = _styles.TryGetValue($"{style}.{format}", out var formatted) ? formatted : _styles[style];
        return value switch
        {
            null => new StyledCell(new DataCell(), id),
            // A string cell is never parsed: "=SUM(A1)" stays the text "=SUM(A1)".
            string s => new StyledCell(ReportWorkbook.FitCell(s), id),
            int i => new StyledCell(i, id),
            double d when double.IsFinite(d) => new StyledCell(d, id),
            bool b => new StyledCell(b ? localizer["Pdf.Yes"].Value : localizer["Pdf.No"].Value, id),
            DateOnly d => new StyledCell(d.ToDateTime(TimeOnly.MinValue), id),
            DateTime t => new StyledCell(format == CellFormat.Date ? t.Date : t, id),
            _ => new StyledCell(new DataCell(), id),
        };
    }

    private static string CellStyle(CellFormat format) => format == CellFormat.Text ? "value" : $"value.{format}";

    private static CellFormat FormatOf(string style) =>
        style.Split('.') is [_, var f] && Enum.TryParse<CellFormat>(f, out var format) ? format : CellFormat.Text;

    private void AddStyles()
    {
        var border = new Border
        {
            Left = new EdgeBorder { BorderStyle = BorderStyle.Thin, Color = Line },
            Right = new EdgeBorder { BorderStyle = BorderStyle.Thin, Color = Line },
            Top = new EdgeBorder { BorderStyle = BorderStyle.Thin, Color = Line },
            Bottom = new EdgeBorder { BorderStyle = BorderStyle.Thin, Color = Line },
        };
        var top = new Alignment { WrapText = true, Vertical = VerticalAlignment.Top };
        var centre = new Alignment { WrapText = true, Vertical = VerticalAlignment.Center };
        Add("title", new Style { Font = { Bold = true, Size = 14, Color = Color.White }, Fill = { Color = BandFill }, Alignment = centre });
        Add("subtitle", new Style { Font = { Size = 9, Color = Color.FromArgb(0x6C, 0x75, 0x7D) } });
        Add("band", new Style { Font = { Bold = true, Size = 12, Color = Color.White }, Fill = { Color = BandFill }, Alignment = centre });
        Add("caption", new Style { Font = { Bold = true }, Alignment = centre });
        Add("label", new Style { Font = { Bold = true, Color = BandFill }, Fill = { Color = LabelFill }, Border = border, Alignment = top });
        Add("header", new Style { Font = { Bold = true, Color = BandFill }, Fill = { Color = LabelFill }, Border = border, Alignment = centre });
        Add("value", new Style { Border = border, Alignment = top, Format = NumberFormat.Standard(StandardNumberFormat.Text) });
        Add("text", new Style { Alignment = top });
        Add("cell", new Style { Alignment = top });
        Add("open", new Style { Font = { Color = OpenText }, Fill = { Color = OpenFill }, Border = border, Alignment = top });
        Add("openband", new Style { Font = { Bold = true, Color = Color.White }, Fill = { Color = Color.FromArgb(0xE0, 0x7B, 0x00) }, Alignment = centre });
        Add("openitem", new Style { Font = { Color = OpenText }, Fill = { Color = OpenFill }, Alignment = top });
        Add("none", new Style { Font = { Italic = true, Color = Color.FromArgb(0x6C, 0x75, 0x7D) }, Border = border, Alignment = centre });
        foreach (var format in Enum.GetValues<CellFormat>().Where(f => f != CellFormat.Text))
        {
            var number = format switch
            {
                CellFormat.Integer => NumberFormat.Custom("0"),
                CellFormat.Number => NumberFormat.Custom("0.0"),
                CellFormat.Percent => NumberFormat.Custom("0%"),
                CellFormat.Date => NumberFormat.Custom("yyyy-mm-dd"),
                _ => NumberFormat.Custom("yyyy-mm-dd hh:mm"),
            };
            Add($"value.{format}", new Style { Border = border, Alignment = top, Format = number });
            Add($"cell.{format}", new Style { Alignment = top, Format = number });
        }

        void Add(string name, Style style) => _styles[name] = _sheet.AddStyle(style);
    }
}
