using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Import;

/// <summary>
/// The SQLite writer binds text without copying it (SQLITE_STATIC): SQLite reads each value where the writer left it,
/// when the row is stepped. A buffer reused or moved too early stores another value's bytes, a value cut short or the
/// previous row's text. Every text column here changes length from row to row (long, short, empty, multi-byte and long
/// enough to outgrow the writer's scratch buffer within a row), across several batches, as new rows, as a key repeated
/// within the file (rejected: the first row's values stay) and as updates of stored rows; every stored value must be the
/// file's, byte for byte.
/// </summary>
public class ImportBindingTests : IAsyncLifetime
{
    private const int Rows = 2 * ImportService.BatchSize + ImportService.BatchSize / 2;

    // Text columns with their longest allowed value; 0 = no limit. The unlimited ones get thousands of Chinese
    // characters, more than the writer's first scratch buffer holds.
    private static readonly (string Header, int MaxLength, Func<Ticket, string?> Stored)[] TextColumns =
    [
        ("客户单位", 200, t => t.Customer),
        ("地址", 400, t => t.Address),
        ("联系人", 200, t => t.Contact),
        ("联系电话", 100, t => t.Phone),
        ("产品名称", 200, t => t.ProductName),
        ("型号", 200, t => t.Model),
        ("出厂编号", 200, t => t.SerialNo),
        ("问题描述", 0, t => t.Problem),
        ("解决方案", 0, t => t.Solution),
        ("备注", 0, t => t.Notes),
        ("客服", 200, t => t.Staff),
    ];

    private readonly TempFolder _folder = new();
    private TestDatabase _database = null!;
    private ImportService _import = null!;

    public async Task InitializeAsync()
    {
        _database = await new TestDatabase().MigrateAsync();
        _import = new ImportService(_database.Factory, new DepartmentClock(DepartmentClock.FindTimeZone(null), FixedTimeProvider.AtLocal(2026, 11, 28)));
    }

    [Fact]
    public async Task StoresEveryTextValueExactlyWhenItsLengthChangesFromRowToRowAsNewRowsAndAsUpdates()
    {
        // A key repeated at the end of the file is rejected (issue 20, D8): the first row's values stay.
        var first = Enumerable.Range(0, Rows).Select(i => Row(i, shift: 0)).Append(Row(0, shift: 2)).ToList();
        var result = await ImportAsync("first.csv", first);
        Assert.Null(result.FatalError);
        Assert.Equal((Rows, 0, 1), (result.New, result.Updated, result.Rejected));
        await AssertStoredAsync(first.Take(Rows).ToList());

        // The same keys again with every column's length pattern moved on by one: each row is an update.
        var second = Enumerable.Range(0, Rows).Select(i => Row(i, shift: 1)).ToList();
        result = await ImportAsync("second.csv", second);
        Assert.True(result.Clean, result.FatalError);
        Assert.Equal((0, Rows, 0), (result.New, result.Updated, result.Rejected));
        await AssertStoredAsync(second);
    }

    [Fact]
    public async Task StoresDecimalsBesideTextAndDatesOfTheSameRowExactly()
    {
        string[][] rows =
        [
            ["BJ-1", "GD-1", "2026-03-05 10:00", "1,234.50", "0.1", "含税", "是"],
            ["BJ-2", "", "2026-03-06 11:30", "¥79228162514264337593543950335", "", "不含税", ""],
            ["BJ-3", "GD-3-很长的工单号", "2026-03-07 12:45", "-0.0000000001", "12元", "", "否"],
        ];
        var path = ImportFileBuilder.Csv(_folder, "quotes.csv", ImportFileBuilder.Utf8Bom,
            [["报价单号", "工单号", "报价时间", "含税价", "不含税价", "首次报价", "客户要求不开票"], .. rows]);
        var result = await _import.ImportAsync(path, "quotes.csv", new ImportOptions(RecordKind.Quotes, false, "tester"));

        Assert.True(result.Clean, result.FatalError);
        await using var db = _database.Open();
        var quotes = await db.Quotes.AsNoTracking().OrderBy(q => q.QuoteNo).ToListAsync();
        Assert.Equal(
            [
                ("BJ-1", "GD-1", (decimal?)1234.50m, (decimal?)0.1m, new DateTime(2026, 3, 5, 2, 0, 0)),
                ("BJ-2", null, 79228162514264337593543950335m, null, new DateTime(2026, 3, 6, 3, 30, 0)),
                ("BJ-3", "GD-3-很长的工单号", -0.0000000001m, 12m, new DateTime(2026, 3, 7, 4, 45, 0)),
            ],
            quotes.Select(q => (q.QuoteNo, q.TicketNo, q.PriceInclTax, q.PriceExclTax, q.QuotedAt)));
    }

    private Task<ImportResult> ImportAsync(string name, List<string[]> rows)
    {
        string[] headers = ["工单号", "来电时间", .. TextColumns.Select(c => c.Header), "购买时间", "解决时间"];
        var path = ImportFileBuilder.Csv(_folder, name, ImportFileBuilder.Utf8Bom, [headers, .. rows]);
        return _import.ImportAsync(path, name, new ImportOptions(RecordKind.Tickets, false, "tester"));
    }

    /// <summary>Row <paramref name="i"/>: every column's value takes the next of four shapes, starting at <paramref name="shift"/>.</summary>
    private static string[] Row(int i, int shift)
    {
        var texts = TextColumns.Select((c, column) => Text(i, column, (i + column + shift) % 4, c.MaxLength));
        var optionalDates = (i + shift) % 3;
        return
        [
            $"GD{i:D6}",
            $"2026-03-{1 + (i + shift) % 28:D2} {(i + shift) % 24:D2}:{i % 60:D2}",
            .. texts,
            optionalDates == 0 ? "" : $"2024-{1 + i % 12:D2}-{1 + (i + shift) % 28:D2}",
            optionalDates == 1 ? "" : $"2026-04-{1 + (i + shift) % 28:D2} 0{i % 10}:3{shift}",
        ];
    }

    private static string Text(int row, int column, int shape, int maxLength) => shape switch
    {
        0 => Long(row, column, maxLength),
        1 => $"r{row}c{column}",
        2 => "",
        _ => $"寿光·{row}·Ü€😀{column}",
    };

    private static string Long(int row, int column, int maxLength)
    {
        var text = new StringBuilder($"{row}-{column}:");
        var length = maxLength == 0 ? 2500 + row % 7 * 100 : maxLength - row % 5;
        while (text.Length < length)
        {
            text.Append("山东省潍坊市寿光市圣城街道设备无法联网数据不上传"[(text.Length + row) % 24]);
        }

        return text.ToString(0, length);
    }

    private async Task AssertStoredAsync(List<string[]> rows)
    {
        await using var db = _database.Open();
        var stored = await db.Tickets.AsNoTracking().ToDictionaryAsync(t => t.TicketNo);
        Assert.Equal(rows.Count, stored.Count);
        foreach (var row in rows)
        {
            var ticket = stored[row[0]];
            Assert.Equal(LocalToUtc(row[1]), ticket.ReceivedAt);
            for (var c = 0; c < TextColumns.Length; c++)
            {
                var expected = row[2 + c] is "" ? null : row[2 + c];
                var actual = TextColumns[c].Stored(ticket);
                if (expected != actual)
                {
                    Assert.Fail($"{row[0]} {TextColumns[c].Header}: expected {Show(expected)}, stored {Show(actual)}");
                }
            }

            var purchase = row[2 + TextColumns.Length];
            Assert.Equal(purchase is "" ? null : DateOnly.ParseExact(purchase, "yyyy-MM-dd", CultureInfo.InvariantCulture), ticket.PurchaseDate);
            var resolved = row[3 + TextColumns.Length];
            Assert.Equal(resolved is "" ? null : LocalToUtc(resolved), ticket.ResolvedAt);
        }
    }

    private static DateTime LocalToUtc(string local) =>
        DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture).AddHours(-8);

    private static string Show(string? text) => text is null ? "null" : $"{text.Length} chars \"{text[..Math.Min(text.Length, 40)]}…\"";

    public Task DisposeAsync()
    {
        _database.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
