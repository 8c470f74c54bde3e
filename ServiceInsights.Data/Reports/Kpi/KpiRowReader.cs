using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Entities;
using static ServiceInsights.Data.Reports.Kpi.MetricQuery;

namespace ServiceInsights.Data.Reports.Kpi;

/// <summary>
/// Reads the month's large row sets (tickets, callbacks, linked callbacks, repair updates) with a plain
/// <see cref="DbDataReader"/> over EF's own SQL (<see cref="RelationalQueryableExtensions.CreateDbCommand"/>), so both
/// providers keep their translation, and by column position in the projection's order. Measured on the 1M-ticket bench
/// database: EF's materialiser spends most of its time parsing SQLite's text timestamps through
/// <see cref="DateTime.Parse(string)"/> and checking each value; here a timestamp's fixed text form is read digit by digit.
/// MetricQueryTests compare every row with EF's own materialisation.
/// </summary>
internal static class KpiRowReader
{
    /// <summary>Runs the query's SQL on the context's (open) connection and reads each row with <paramref name="read"/>.</summary>
    public static async Task<List<T>> ReadAsync<T>(DbContext db, IQueryable<T> query, Func<Row, T> read, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = query.CreateDbCommand();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var row = new Row(reader);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(row));
        }

        return rows;
    }

    public static TicketRow Ticket(Row r) => new(
        r.Text(0), r.Utc(1), r.BoolOrNull(2), r.TextOrNull(3), r.TextOrNull(4), r.EnumOrNull<Origin>(5), r.EnumOrNull<ServiceType>(6), r.TextOrNull(7),
        r.UtcOrNull(8), r.UtcOrNull(9), r.UtcOrNull(10), r.UtcOrNull(11), r.UtcOrNull(12), r.Int(13));

    public static CallbackFactsRow Callback(Row r) => new(
        r.Text(0), r.TextOrNull(1), r.Utc(2), r.EnumOrNull<CallbackMethod>(3), r.Bool(4), r.BoolOrNull(5), r.BoolOrNull(6), r.IntOrNull(7),
        r.TextOrNull(8), r.TextOrNull(9));

    public static CallbackRow LinkedCallback(Row r) => new(r.TextOrNull(0), r.Text(1), r.Utc(2), r.EnumOrNull<CallbackMethod>(3), r.Bool(4));

    public static RepairUpdateRow RepairUpdate(Row r) => new(r.Text(0), r.Utc(1));

    /// <summary>Typed access to the current row; text timestamps (SQLite) are read without the culture machinery.</summary>
    public sealed class Row(DbDataReader reader)
    {
        private readonly bool _textTimes = reader is SqliteDataReader;

        public string Text(int i) => reader.GetString(i);

        public string? TextOrNull(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

        public bool Bool(int i) => reader.GetBoolean(i);

        public bool? BoolOrNull(int i) => reader.IsDBNull(i) ? null : reader.GetBoolean(i);

        public int Int(int i) => reader.GetInt32(i);

        public int? IntOrNull(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);

        /// <summary>Enums are stored by name (<c>HasConversion&lt;string&gt;()</c>).</summary>
        public TEnum? EnumOrNull<TEnum>(int i) where TEnum : struct, Enum =>
            reader.IsDBNull(i) ? null : Enum.Parse<TEnum>(reader.GetString(i));

        public DateTime Utc(int i) => DateTime.SpecifyKind(_textTimes ? ParseText(reader.GetString(i)) : reader.GetDateTime(i), DateTimeKind.Utc);

        public DateTime? UtcOrNull(int i) => reader.IsDBNull(i) ? null : Utc(i);

        /// <summary><c>yyyy-MM-dd HH:mm:ss[.fffffff]</c>, the form EF Core's SQLite provider writes; anything else the slow way.</summary>
        private static DateTime ParseText(string text)
        {
            var s = text.AsSpan();
            if (s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':'
                || !TryDigits(s[..4], out var year) || !TryDigits(s.Slice(5, 2), out var month) || !TryDigits(s.Slice(8, 2), out var day)
                || !TryDigits(s.Slice(11, 2), out var hour) || !TryDigits(s.Slice(14, 2), out var minute) || !TryDigits(s.Slice(17, 2), out var second))
            {
                return DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            }

            long fraction = 0;
            if (s.Length > 19)
            {
                var digits = s[20..];
                if (s[19] != '.' || digits.Length is 0 or > 7 || !TryDigits(digits, out var value))
                {
                    return DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                }

                fraction = value;
                for (var k = digits.Length; k < 7; k++)
                {
                    fraction *= 10;
                }
            }

            return new DateTime(year, month, day, hour, minute, second).AddTicks(fraction);
        }

        private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
        {
            value = 0;
            foreach (var c in digits)
            {
                if (c is < '0' or > '9')
                {
                    return false;
                }

                value = value * 10 + (c - '0');
            }

            return true;
        }
    }
}
