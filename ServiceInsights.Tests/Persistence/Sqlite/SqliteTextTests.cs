using System.Globalization;
using System.Text;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Persistence.Sqlite;

namespace ServiceInsights.Tests.Persistence.Sqlite;

public class SqliteTextTests
{
    [Theory]
    [InlineData(2026, 3, 5, 14, 20, 7, 0)]
    [InlineData(2026, 12, 31, 23, 59, 59, 9_999_999)]
    [InlineData(2026, 1, 1, 0, 0, 0, 1)]
    [InlineData(2026, 11, 28, 6, 40, 14, 198_143)]
    [InlineData(2026, 11, 28, 6, 40, 14, 5_000_000)]
    [InlineData(999, 2, 3, 4, 5, 6, 1_230_000)]
    [InlineData(1, 1, 1, 0, 0, 0, 0)]
    [InlineData(9999, 12, 31, 23, 59, 59, 9_999_999)]
    public void WritesDateTimesExactlyAsMicrosoftDataSqliteFormatsThem(int year, int month, int day, int hour, int minute, int second, int ticks)
    {
        var value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
        var buffer = new byte[64];

        var length = SqliteText.Write(value, buffer);

        Assert.Equal(value.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture), Encoding.ASCII.GetString(buffer, 0, length));
    }

    [Theory]
    [InlineData(2026, 3, 5)]
    [InlineData(999, 12, 31)]
    [InlineData(1, 1, 1)]
    public void WritesDatesExactlyAsMicrosoftDataSqliteFormatsThem(int year, int month, int day)
    {
        var value = new DateOnly(year, month, day);
        var buffer = new byte[16];

        var length = SqliteText.Write(value, buffer);

        Assert.Equal(value.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture), Encoding.ASCII.GetString(buffer, 0, length));
    }
}
