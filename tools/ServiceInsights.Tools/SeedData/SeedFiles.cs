using ServiceInsights.Data.Import;

namespace ServiceInsights.Tools.SeedData;

/// <summary>The text encodings a CSV export comes in (docs/IMPORT-FORMAT.md).</summary>
public enum CsvEncoding
{
    /// <summary>UTF-8 with a byte-order mark (Excel's "CSV UTF-8").</summary>
    Utf8Bom,

    /// <summary>UTF-8 without a byte-order mark.</summary>
    Utf8,

    /// <summary>GB18030 — what Excel on a Chinese Windows saves as plain "CSV".</summary>
    Gb18030,
}

/// <summary>One sheet of a seed file: the kind it holds, its value forms, and which records (default: all of the kind).</summary>
public sealed record SeedSheet(RecordKind Kind, ValueStyle Style, Func<SeedDataSet, IEnumerable<object>>? Select = null)
{
    public RecordSchema Schema => RecordSchemas.For(Kind);

    /// <summary>The sheet name of an XLSX export: the kind's Chinese name (返厂维修).</summary>
    public string Name => Schema.ChineseName;

    public IReadOnlyList<object> Rows(SeedDataSet data) => [.. Select?.Invoke(data) ?? data.Records(Kind)];
}

/// <summary>One file of <c>seed-data/</c>: a CSV (one sheet, an encoding) or an XLSX workbook (one or more sheets).</summary>
public sealed record SeedFile(string Name, string Description, IReadOnlyList<SeedSheet> Sheets, CsvEncoding? Encoding = null)
{
    public bool IsXlsx => Name.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The committed seed files: every kind at least once, and the forms real exports come in varied between them.</summary>
public static class SeedFiles
{
    private static readonly DateTime SecondHalf = new(2026, 6, 1);

    public static IReadOnlyList<SeedFile> Default { get; } =
    [
        new("tickets-2025-12_2026-05.csv", "服务工单 Tickets received 2025-12 … 2026-05, as saved by Excel on a Chinese Windows",
            [new SeedSheet(RecordKind.Tickets, new ValueStyle(true, DateTimeForm.Slashed, YesNoForm.ShiFou, SatisfactionForm.Words),
                d => d.Tickets.Where(t => t.ReceivedAt < SecondHalf))],
            CsvEncoding.Gb18030),
        new("tickets-2026-06_2026-11.csv", "服务工单 Tickets received 2026-06 … 2026-11, from the ticket system's UTF-8 export",
            [new SeedSheet(RecordKind.Tickets, new ValueStyle(true, DateTimeForm.IsoSeconds, YesNoForm.YN, SatisfactionForm.Words),
                d => d.Tickets.Where(t => t.ReceivedAt >= SecondHalf))],
            CsvEncoding.Utf8Bom),
        new("repairs.xlsx", "返厂维修 Repairs (date cells) and 维修进度 RepairUpdates (dates as text), one workbook",
        [
            new SeedSheet(RecordKind.Repairs, new ValueStyle(true, DateTimeForm.Cell, YesNoForm.ShiFou, SatisfactionForm.Words)),
            new SeedSheet(RecordKind.RepairUpdates, new ValueStyle(true, DateTimeForm.Chinese, YesNoForm.ShiFou, SatisfactionForm.Words)),
        ]),
        new("site-visits.csv", "上门服务 SiteVisits with English headers and English enumeration aliases",
            [new SeedSheet(RecordKind.SiteVisits, new ValueStyle(false, DateTimeForm.IsoMinutes, YesNoForm.YN, SatisfactionForm.Numbers))],
            CsvEncoding.Utf8),
        new("callbacks.csv", "回访记录 Callbacks (SMS weekly/monthly and phone), satisfaction as words",
            [new SeedSheet(RecordKind.Callbacks, new ValueStyle(true, DateTimeForm.IsoMinutes, YesNoForm.ShiFou, SatisfactionForm.Words))],
            CsvEncoding.Gb18030),
        new("complaints.xlsx", "客户投诉 Complaints (date cells, ✓ for yes, satisfaction as numbers)",
            [new SeedSheet(RecordKind.Complaints, new ValueStyle(true, DateTimeForm.Cell, YesNoForm.Tick, SatisfactionForm.Numbers))]),
        new("quotes.csv", "报价 Quotes, dates written 2026年3月5日 14:20",
            [new SeedSheet(RecordKind.Quotes, new ValueStyle(true, DateTimeForm.Chinese, YesNoForm.ShiFou, SatisfactionForm.Words))],
            CsvEncoding.Utf8Bom),
    ];
}
