using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;

namespace ServiceInsights.Tests.Builders;

/// <summary>Import results as the import service returns them, for tests of what the UI and the download make of them.</summary>
public static class ImportResults
{
    public static readonly IReadOnlyList<string> TicketHeaders = ["工单号", "来电时间", "客户单位", "备用"];

    /// <summary>tickets.csv: 3 new, 1 updated, 0 unchanged, 2 rejected (rows 4 and 7), an unknown column 备用.</summary>
    public static ImportResult TicketsWithRejections(bool dryRun = true) => new(
        "tickets.csv", new string('a', 64), 2048, dryRun,
        [new TableResult("tickets.csv", null, RecordKind.Tickets, 3, 1, 0, 2, ["备用"])],
        [
            new RowRejection("tickets.csv", null, 4, RecordKind.Tickets,
                [new CellError("来电时间", "2026-13-45", RejectionReason.InvalidDateTime)], TicketHeaders,
                ["T-0004", "2026-13-45", "北方农机", ""]),
            new RowRejection("tickets.csv", null, 7, RecordKind.Tickets,
                [new CellError("工单号", "", RejectionReason.MissingKey)], TicketHeaders, ["", "2026-03-05 14:20", "=cmd", ""]),
        ],
        null, ImportStatus.PartlyRejected, TimeSpan.FromSeconds(1.5), dryRun ? null : 1);

    public static ImportResult Unreadable() => new(
        "notes.csv", new string('b', 64), 100, true, [], [],
        "notes.csv: cannot tell which kind of record this is (no key column such as 工单号/TicketNo, and the sheet name is not a kind); choose the kind explicitly.",
        ImportStatus.Failed, TimeSpan.Zero);
}
