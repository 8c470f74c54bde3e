using ServiceInsights.Data.Domain;

namespace ServiceInsights.Data.Records;

/// <summary>
/// What a record list is narrowed to: the month of the record's anchor time (ticket and repair 收件/来电时间, visit 下单时间,
/// callback 回访时间, complaint 受理时间) in the department's time zone, and optional text filters, each a
/// case-insensitive "contains". Blank values mean "any".
/// </summary>
public sealed record RecordFilter(
    ReportMonth Month,
    string? Staff = null,
    string? Product = null,
    string? Customer = null,
    string? Text = null);

/// <summary>One page of a list: rows to skip and take, and the column to sort by (a row property name; unknown names
/// fall back to the list's default order, newest first).</summary>
public sealed record PageRequest(int Skip = 0, int Take = PageRequest.DefaultTake, string? SortBy = null, bool Descending = false)
{
    public const int DefaultTake = 25;

    /// <summary>No list returns more rows than this at once, whatever the caller asks.</summary>
    public const int MaxTake = 200;

    internal int SafeSkip => Math.Max(0, Skip);

    internal int SafeTake => Math.Clamp(Take, 1, MaxTake);
}

/// <summary>A page of rows and the number of rows the filter matches in all.</summary>
public sealed record RecordPage<TRow>(IReadOnlyList<TRow> Items, int Total);

/// <summary>What the lists of repairs and site visits show of their ticket (they carry no customer or product of their own).</summary>
public sealed record TicketSummary(string TicketNo, string? Customer, string? ProductName, string? Model, string? Staff);
