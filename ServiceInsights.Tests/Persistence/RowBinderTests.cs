using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Tests.Builders;
using LinkedTicket = ServiceInsights.Data.Reports.Kpi.MetricQuery.LinkedTicket;

namespace ServiceInsights.Tests.Persistence;

/// <summary>The loaders' rows are read by column name: in any order, and a column or member that does not match fails loudly.</summary>
public sealed class RowBinderTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ReadsEachColumnIntoTheMemberOfItsNameInAnyOrderOnBothPaths()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").ReceivedAt("2026-10-09 09:00").Staff("张敏").With(t => (t.Vip, t.Origin) = (true, Origin.SelfMade)).Build(),
            new TicketBuilder().No("GD-2").ReceivedAt("2026-10-10 09:00").Build());
        await using var db = _database.Open();
        var query = db.Tickets.OrderBy(t => t.TicketNo)
            .Select(t => new LinkedTicket { Vip = t.Vip, Origin = t.Origin, Staff = t.Staff, TicketNo = t.TicketNo });

        var native = await RowReader.ReadAsync(db, query, utc => utc, CancellationToken.None);
        var neutral = await RowReader.ReadThroughDataReaderAsync(db, query, utc => utc, CancellationToken.None);

        LinkedTicket[] expected =
        [
            new() { TicketNo = "GD-1", Staff = "张敏", Vip = true, Origin = Origin.SelfMade },
            new() { TicketNo = "GD-2", Staff = null, Vip = null, Origin = null },
        ];
        Assert.Equal(expected, native);
        Assert.Equal(expected, neutral);
    }

    [Fact]
    public async Task TimestampsGoThroughTheCallersConversion()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(new TicketBuilder().No("GD-1").ReceivedAt("2026-10-09 09:00").Build());
        await using var db = _database.Open();

        var read = await RowReader.ReadAsync(db, new MetricQuery.KpiQueries(db, Data.Reports.AsOfWindow.Of(new Data.Domain.ReportMonth(2026, 10),
            TestClock.Utc("2026-11-01 00:00"), TestClock.Shanghai), DateTime.MinValue, []).Tickets, LocalTimes.Of(TestClock.Shanghai), CancellationToken.None);

        Assert.Equal(new DateTime(2026, 10, 9, 9, 0, 0), Assert.Single(read).ReceivedAt); // stored 01:00 UTC, read as Shanghai time
    }

    [Fact]
    public void AColumnWithoutAMemberOfItsNameFailsBeforeTheFirstRow()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RowBinder<LinkedTicket>.Bind(new Columns("TicketNo", "Staf"), utc => utc));

        Assert.Contains("'Staf'", error.Message);
        Assert.Contains(nameof(LinkedTicket), error.Message);
    }

    [Fact]
    public void ARequiredMemberWithoutAColumnFailsBeforeTheFirstRow()
    {
        var error = Assert.Throws<InvalidOperationException>(() => RowBinder<LinkedTicket>.Bind(new Columns("TicketNumber", "Staff"), utc => utc));

        Assert.Contains("'TicketNumber'", error.Message);
        error = Assert.Throws<InvalidOperationException>(() => RowBinder<LinkedTicket>.Bind(new Columns("Staff"), utc => utc));
        Assert.Contains("LinkedTicket.TicketNo is required", error.Message);
    }

    /// <summary>A result with these column names and no rows.</summary>
    private sealed class Columns(params string[] names) : RowReader.Row
    {
        public override int FieldCount => names.Length;

        public override string ColumnName(int i) => names[i];

        public override bool IsNull(int i) => throw new InvalidOperationException("no row");

        public override bool IsText(int i) => throw new InvalidOperationException("no row");

        public override string? Name(int i) => throw new InvalidOperationException("no row");

        public override bool Bool(int i) => throw new InvalidOperationException("no row");

        public override int Int(int i) => throw new InvalidOperationException("no row");

        public override long Long(int i) => throw new InvalidOperationException("no row");

        public override TEnum? EnumOrNull<TEnum>(int i) => throw new InvalidOperationException("no row");

        public override DateTime Utc(int i) => throw new InvalidOperationException("no row");

        public override DateOnly Date(int i) => throw new InvalidOperationException("no row");
    }
}
