using System.Drawing;
using Microsoft.Extensions.Localization;
using SpreadCheetah;
using SpreadCheetah.Styling;
using SpreadCheetah.Worksheets;
using ServiceInsights.Web.Exports.Pdf;

namespace ServiceInsights.Web.Exports.Excel;

/// <summary>
/// Writes a report as a workbook, streaming (SpreadCheetah, docs/decisions/010): the sheets appear in the order they
/// are written — a summary (header block, figures, small tables), one detail sheet per record kind, the settings in
/// force — then <see cref="FinishAsync"/>. Every table has a bold filled header row, a frozen header, an autofilter,
/// number formats from its <see cref="CellFormat"/>s and computed column widths. A string is always written as a text
/// cell, so imported text beginning with =, +, - or @ never becomes a formula. The writer's own labels come from
/// SharedResource under the current UI culture; headers and sheet names are passed in already localized.
/// <code>
/// await using var workbook = await ReportWorkbook.CreateAsync(stream, localizer, new WorkbookHeader(title, month, asOf, now));
/// await workbook.WriteSummaryAsync(figures, [SummaryTable.Of(L["…"], byMethodColumns, report.ByMethod)]);
/// await workbook.WriteDetailAsync(L["…"], CallbackColumns(L), report.Callbacks);
/// await workbook.WriteSettingsAsync(settings);
/// await workbook.FinishAsync();
/// </code>
/// </summary>
public sealed class ReportWorkbook : IAsyncDisposable
{
    /// <summary>Excel keeps at most 32,767 characters in a cell.</summary>
    public const int MaxCellText = 32_767;

    /// <summary>The tallest row Excel takes, in points ("Row height must be between 0 and 409").</summary>
    public const double MaxRowHeight = 409;

    /// <summary>
    /// A text as one cell holds it: whole when it fits, else its start and a note of how much was cut (in both languages:
    /// the workbooks' cells carry no culture), never split inside a surrogate pair.
    /// </summary>
    public static string FitCell(string text)
    {
        if (text.Length <= MaxCellText)
        {
            return text;
        }

        var note = $"… [已截断 {text.Length:N0} 字符中的前 {{0:N0}} 个 / cut: first {{0:N0}} of {text.Length:N0} characters]";
        var keep = MaxCellText - string.Format(System.Globalization.CultureInfo.InvariantCulture, note, MaxCellText).Length;
        keep -= char.IsHighSurrogate(text[keep - 1]) ? 1 : 0;
        return string.Concat(text.AsSpan(0, keep), string.Format(System.Globalization.CultureInfo.InvariantCulture, note, keep));
    }

    private const int MaxRows = 1_048_576;

    /// <summary>The SharedResource keys of the writer's own labels (checked in both languages by the tests).</summary>
    public static readonly IReadOnlyList<string> LabelKeys =
    [
        "Workbook.Department", "Workbook.Summary", "Workbook.Settings", "Workbook.Month", "Workbook.AsOf", "Workbook.GeneratedAt",
        "Workbook.Figure", "Workbook.Value", "Workbook.Target", "Workbook.Met", "Workbook.Eligible", "Workbook.Pending",
        "Workbook.Change", "Workbook.SettingKey", "Workbook.SettingValue",
    ];

    /// <summary>The header row's fill (a light blue), also asserted by the tests.</summary>
    public static readonly Color HeaderFill = Color.FromArgb(0xE3, 0xEE, 0xF8);

    private readonly Spreadsheet _sheet;
    private readonly IStringLocalizer<SharedResource> _l;
    private readonly WorkbookHeader _header;
    private readonly SheetNames _names = new();
    private readonly StyleId _headerStyle;
    private readonly StyleId _titleStyle;
    private readonly Dictionary<(CellFormat, bool Wrap), StyleId> _cellStyles = [];
    private readonly Dictionary<(CellFormat, bool Wrap, FigureStatus Tone), StyleId> _toneStyles = [];

    private ReportWorkbook(Spreadsheet sheet, IStringLocalizer<SharedResource> l, WorkbookHeader header)
    {
        _sheet = sheet;
        _l = l;
        _header = header;
        _headerStyle = sheet.AddStyle(new Style
        {
            Font = { Bold = true },
            Fill = { Color = HeaderFill },
            Alignment = { WrapText = true, Vertical = VerticalAlignment.Center },
        });
        _titleStyle = sheet.AddStyle(new Style { Font = { Bold = true, Size = 14 } });
        foreach (var format in Enum.GetValues<CellFormat>())
        {
            foreach (var wrap in new[] { false, true })
            {
                _cellStyles[(format, wrap)] = sheet.AddStyle(new Style
                {
                    Format = NumberFormatOf(format),
                    Alignment = { WrapText = wrap, Vertical = VerticalAlignment.Top },
                });
            }
        }
    }

    /// <summary>A whole workbook in memory: created with the header, its sheets added by <paramref name="write"/>, finished.</summary>
    public static async Task<byte[]> WriteAsync(IStringLocalizer<SharedResource> localizer, WorkbookHeader header, Func<ReportWorkbook, Task> write,
        CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream();
        await using (var workbook = await CreateAsync(stream, localizer, header, cancellationToken))
        {
            await write(workbook);
            await workbook.FinishAsync(cancellationToken);
        }

        return stream.ToArray();
    }

    public static async Task<ReportWorkbook> CreateAsync(
        Stream output, IStringLocalizer<SharedResource> localizer, WorkbookHeader header, CancellationToken cancellationToken = default)
    {
        var sheet = await Spreadsheet.CreateNewAsync(output, new SpreadCheetahOptions { BufferSize = 64 * 1024 }, cancellationToken);
        return new ReportWorkbook(sheet, localizer, header);
    }

    /// <summary>
    /// The summary sheet: the header block (department, title, month, as-of, generated-at), the table of figures with
    /// its header frozen and filtered, then each small table under its title.
    /// </summary>
    public async Task WriteSummaryAsync(
        IReadOnlyList<SummaryFigure> figures, IReadOnlyList<SummaryTable>? tables = null, CancellationToken cancellationToken = default)
    {
        tables ??= [];
        string[] figureHeaders =
        [
            _l["Workbook.Figure"], _l["Workbook.Value"], _l["Workbook.Target"], _l["Workbook.Met"], _l["Workbook.Eligible"],
            _l["Workbook.Pending"], _l["Workbook.Change"],
        ];
        var headerBlock = HeaderBlock();
        var figuresHeaderRow = headerBlock.Count + 2;

        var widths = new ColumnWidths(Math.Max(figureHeaders.Length, tables.Select(t => t.Headers.Count).DefaultIfEmpty().Max()));
        foreach (var (label, value, format) in headerBlock.Skip(2))
        {
            widths.MeasureCell(0, label, CellFormat.Text);
            widths.MeasureCell(1, value, format);
        }

        for (var c = 0; c < figureHeaders.Length; c++)
        {
            widths.MeasureHeader(c, figureHeaders[c]);
        }

        foreach (var figure in figures)
        {
            widths.MeasureCell(0, figure.Label, CellFormat.Text);
            widths.MeasureCell(1, figure.Value ?? (object?)figure.NoData, figure.Format);
            widths.MeasureCell(2, figure.Target, figure.Format);
            widths.MeasureCell(6, figure.Change ?? (object?)figure.NoData, figure.Format);
        }

        foreach (var table in tables)
        {
            for (var c = 0; c < table.Headers.Count; c++)
            {
                widths.MeasureHeader(c, table.Headers[c]);
                foreach (var row in table.Rows)
                {
                    widths.MeasureCell(c, c < row.Length ? row[c] : null, table.Formats[c]);
                }
            }
        }

        var options = Options(widths, figuresHeaderRow, $"A{figuresHeaderRow}:{ColumnLetter(figureHeaders.Length)}{figuresHeaderRow + figures.Count}");
        await _sheet.StartWorksheetAsync(_names.Unique(_l["Workbook.Summary"]), options, cancellationToken);

        var (department, title) = (headerBlock[0].Label, headerBlock[1].Label);
        await _sheet.AddRowAsync([new StyledCell(department, _titleStyle)], cancellationToken);
        await _sheet.AddRowAsync([new StyledCell(title, _titleStyle)], cancellationToken);
        foreach (var (label, value, format) in headerBlock.Skip(2))
        {
            await _sheet.AddRowAsync([Cell(label, CellFormat.Text, false), Cell(value, format, false)], cancellationToken);
        }

        await _sheet.AddRowAsync(Array.Empty<StyledCell>(), cancellationToken);
        await _sheet.AddHeaderRowAsync(figureHeaders, _headerStyle, cancellationToken);
        foreach (var f in figures)
        {
            await _sheet.AddRowAsync(
            [
                Cell(f.Label, CellFormat.Text, widths.Wraps(0)),
                Cell(f.Value ?? (object?)f.NoData, f.Format, f.Tone == FigureStatus.Neutral ? _cellStyles[(f.Format, false)] : ToneStyle(f.Format, false, f.Tone)),
                Cell(f.Target, f.Format, false),
                Cell(f.Met, CellFormat.Integer, false), Cell(f.Eligible, CellFormat.Integer, false),
                Cell(f.Pending, CellFormat.Integer, false), Cell(f.Change ?? (object?)f.NoData, f.Format, false),
            ], cancellationToken);
        }

        foreach (var table in tables)
        {
            await _sheet.AddRowAsync(Array.Empty<StyledCell>(), cancellationToken);
            await _sheet.AddRowAsync([new StyledCell(table.Title, _titleStyle)], cancellationToken);
            await _sheet.AddHeaderRowAsync(table.Headers.ToArray(), _headerStyle, cancellationToken);
            var cells = new StyledCell[table.Headers.Count];
            foreach (var row in table.Rows)
            {
                for (var c = 0; c < cells.Length; c++)
                {
                    cells[c] = Cell(c < row.Length ? row[c] : null, table.Formats[c], widths.Wraps(c));
                }

                await _sheet.AddRowAsync(cells, cancellationToken);
            }
        }
    }

    /// <summary>One sheet of records: the columns' headers, then a row per record, header frozen and filtered.</summary>
    public async Task WriteDetailAsync<TRow>(
        string sheetName, IReadOnlyList<ReportColumn<TRow>> columns, IReadOnlyList<TRow> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count >= MaxRows)
        {
            throw new ArgumentException($"A sheet holds at most {MaxRows - 1} rows under its header; {rows.Count} were given.", nameof(rows));
        }

        // Widths from every cell: a streaming writer fixes them before the first row, and a sample could miss the
        // one long remark that needs wrapping.
        var widths = new ColumnWidths(columns.Count);
        for (var c = 0; c < columns.Count; c++)
        {
            widths.MeasureHeader(c, columns[c].Header);
        }

        foreach (var row in rows)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                widths.MeasureCell(c, columns[c].Value(row), columns[c].Format);
            }
        }

        var options = Options(widths, 1, $"A1:{ColumnLetter(Math.Max(columns.Count, 1))}{rows.Count + 1}");
        await _sheet.StartWorksheetAsync(_names.Unique(sheetName), options, cancellationToken);
        await _sheet.AddHeaderRowAsync(columns.Select(c => c.Header).ToArray(), _headerStyle, cancellationToken);

        var styles = columns.Select((column, c) => _cellStyles[(column.Format, widths.Wraps(c))]).ToArray();
        var cells = new StyledCell[columns.Count];
        foreach (var row in rows)
        {
            for (var c = 0; c < cells.Length; c++)
            {
                var style = columns[c].Tone?.Invoke(row) is { } tone and not FigureStatus.Neutral
                    ? ToneStyle(columns[c].Format, widths.Wraps(c), tone)
                    : styles[c];
                cells[c] = Cell(columns[c].Value(row), columns[c].Format, style);
            }

            await _sheet.AddRowAsync(cells, cancellationToken);
        }
    }

    /// <summary>A cell style whose text has the PDF theme's colour of <paramref name="tone"/> (a rate against its target).</summary>
    private StyleId ToneStyle(CellFormat format, bool wrap, FigureStatus tone)
    {
        if (!_toneStyles.TryGetValue((format, wrap, tone), out var style))
        {
            var color = ReportTheme.Default.StatusColor(tone);
            _toneStyles[(format, wrap, tone)] = style = _sheet.AddStyle(new Style
            {
                Format = NumberFormatOf(format),
                Font = { Bold = true, Color = Color.FromArgb(color.R, color.G, color.B) },
                Alignment = { WrapText = wrap, Vertical = VerticalAlignment.Top },
            });
        }

        return style;
    }

    /// <summary>The settings in force when the report was made, as key and value (both written as text).</summary>
    public Task WriteSettingsAsync(IReadOnlyList<KeyValuePair<string, string>> settings, CancellationToken cancellationToken = default)
    {
        ReportColumn<KeyValuePair<string, string>>[] columns =
        [
            new(_l["Workbook.SettingKey"], s => s.Key),
            new(_l["Workbook.SettingValue"], s => s.Value),
        ];
        return WriteDetailAsync(_l["Workbook.Settings"], columns, settings, cancellationToken);
    }

    public async Task FinishAsync(CancellationToken cancellationToken = default) => await _sheet.FinishAsync(cancellationToken);

    public ValueTask DisposeAsync() => _sheet.DisposeAsync();

    private List<(string Label, object? Value, CellFormat Format)> HeaderBlock() =>
    [
        (_l["Workbook.Department"], null, CellFormat.Text),
        (_header.Title, null, CellFormat.Text),
        (_l["Workbook.Month"], _header.Month.ToString(), CellFormat.Text),
        (_l["Workbook.AsOf"], _header.AsOf, CellFormat.DateTime),
        (_l["Workbook.GeneratedAt"], _header.GeneratedAt, CellFormat.DateTime),
    ];

    private static WorksheetOptions Options(ColumnWidths widths, int frozenRows, string autoFilterRange)
    {
        var options = new WorksheetOptions { FrozenRows = frozenRows, AutoFilter = new AutoFilterOptions(autoFilterRange) };
        for (var c = 0; c < widths.Count; c++)
        {
            options.Column(c + 1).Width = widths.Width(c);
        }

        return options;
    }

    private StyledCell Cell(object? value, CellFormat format, bool wrap) => Cell(value, format, _cellStyles[(format, wrap)]);

    /// <summary>The value's type decides the cell's type, the column's format its number format.</summary>
    private static StyledCell Cell(object? value, CellFormat format, StyleId style) => value switch
    {
        null => new StyledCell(new DataCell(), style),
        // A string cell is never parsed: "=SUM(A1)" stays the text "=SUM(A1)".
        string s => new StyledCell(FitCell(s), style),
        int i => new StyledCell(i, style),
        long l => new StyledCell(l, style),
        decimal m => new StyledCell(m, style),
        double d when double.IsFinite(d) => new StyledCell(d, style),
        double => new StyledCell(new DataCell(), style),
        float f => new StyledCell(f, style),
        bool b => new StyledCell(b, style),
        DateOnly d => new StyledCell(d.ToDateTime(TimeOnly.MinValue), style),
        DateTime t => new StyledCell(format == CellFormat.Date ? t.Date : t, style),
        short or byte or ushort or uint or sbyte => new StyledCell(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), style),
        _ => new StyledCell(value.ToString() ?? "", style),
    };

    private static NumberFormat NumberFormatOf(CellFormat format) => format switch
    {
        CellFormat.Integer => NumberFormat.Custom("0"),
        CellFormat.Number => NumberFormat.Custom("0.0"),
        CellFormat.Percent => NumberFormat.Custom("0.0%"),
        CellFormat.Date => NumberFormat.Custom("yyyy-mm-dd"),
        CellFormat.DateTime => NumberFormat.Custom("yyyy-mm-dd hh:mm"),
        _ => NumberFormat.Standard(StandardNumberFormat.Text),
    };

    /// <summary>1 → A, 27 → AA.</summary>
    public static string ColumnLetter(int column)
    {
        var letters = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            letters = (char)('A' + (column - 1) % 26) + letters;
        }

        return letters;
    }
}
