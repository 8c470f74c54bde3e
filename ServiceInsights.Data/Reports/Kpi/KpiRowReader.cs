using ServiceInsights.Data.Entities;
using static ServiceInsights.Data.Reports.Kpi.MetricQuery;
using Row = ServiceInsights.Data.Persistence.RowReader.Row;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Reports.Kpi;

/// <summary>
/// The KPI loading's sets (all but CS-1b's few texts), each read by
/// <see cref="RowReader"/> in the column order of its projection in <see cref="MetricQuery.KpiQueries"/>. A new column a
/// rule needs goes into the projection and here (MetricQueryTests compare every row with EF's own).
/// </summary>
internal static class KpiRowReader
{
    public static TicketRow Ticket(Row r) => new(
        r.Text(0), r.Utc(1), r.BoolOrNull(2), r.Name(3), r.Name(4), r.EnumOrNull<Origin>(5), r.EnumOrNull<ServiceType>(6), r.Name(7),
        r.UtcOrNull(8), r.UtcOrNull(9), r.UtcOrNull(10), r.UtcOrNull(11), r.UtcOrNull(12), r.Int(13));

    public static CallbackFactsRow Callback(Row r) => new(
        r.Text(0), r.TextOrNull(1), r.Utc(2), r.EnumOrNull<CallbackMethod>(3), r.Bool(4), r.BoolOrNull(5), r.BoolOrNull(6), r.IntOrNull(7),
        r.Name(8), r.Name(9));

    public static CallbackRow LinkedCallback(Row r) => new(r.TextOrNull(0), r.Text(1), r.Utc(2), r.EnumOrNull<CallbackMethod>(3), r.Bool(4));

    public static RepairUpdateRow RepairUpdate(Row r) => new(r.Text(0), r.Utc(1));

    public static RepairFactsRow Repair(Row r) => new(r.Text(0), r.TextOrNull(1), r.Utc(2), r.UtcOrNull(3), r.UtcOrNull(4), r.UtcOrNull(5), r.DateOrNull(6));

    public static VisitFactsRow Visit(Row r) => new(
        r.Text(0), r.TextOrNull(1), r.EnumOrNull<DispatchSource>(2), r.Utc(3), r.UtcOrNull(4), r.UtcOrNull(5), r.BoolOrNull(6), r.UtcOrNull(7),
        r.UtcOrNull(8), r.BoolOrNull(9), r.IntOrNull(10), r.Name(11));

    public static QuoteFactsRow Quote(Row r) => new(r.Text(0), r.TextOrNull(1), r.Utc(2), r.EnumOrNull<QuoteBasis>(3), r.BoolOrNull(4));

    public static ComplaintFactsRow Complaint(Row r) => new(
        r.Text(0), r.TextOrNull(1), r.TextOrNull(2), r.Utc(3), r.EnumOrNull<ComplaintSource>(4), r.UtcOrNull(5), r.BoolOrNull(6), r.BoolOrNull(7),
        r.UtcOrNull(8), r.TextOrNull(9), r.UtcOrNull(10), r.UtcOrNull(11), r.UtcOrNull(12), r.IntOrNull(13), r.TextOrNull(14), r.TextOrNull(15),
        r.Name(16), r.UtcOrNull(17), r.BoolOrNull(18), r.Name(19), r.Name(20));

    public static LinkedTicket LinkedTicket(Row r) =>
        new(r.Text(0), r.EnumOrNull<Origin>(1), r.EnumOrNull<ServiceType>(2), r.Name(3), r.Name(4), r.BoolOrNull(5));
}
