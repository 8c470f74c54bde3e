namespace ServiceInsights.Data.Persistence.Sqlite;

/// <summary>
/// Dates as the text Microsoft.Data.Sqlite stores (<c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c>, <c>yyyy-MM-dd</c>), written as
/// ASCII straight into a byte buffer: the import binds millions of dates, and the general-purpose formatter with a
/// custom pattern and a string per value was a visible share of the time spent writing rows.
/// </summary>
internal static class SqliteText
{
    /// <summary>The most bytes <see cref="Write(DateTime, Span{byte})"/> writes.</summary>
    public const int MostBytes = 27;

    /// <summary>Writes <paramref name="value"/> like <c>ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF")</c>; returns the byte count.</summary>
    public static int Write(DateTime value, Span<byte> destination)
    {
        var length = WriteDate(value.Year, value.Month, value.Day, destination);
        destination[length] = (byte)' ';
        Two(value.Hour, destination[(length + 1)..]);
        destination[length + 3] = (byte)':';
        Two(value.Minute, destination[(length + 4)..]);
        destination[length + 6] = (byte)':';
        Two(value.Second, destination[(length + 7)..]);
        length += 9;

        // F-digits: the seven-digit fraction without its trailing zeros, and no dot at all when it is zero.
        var fraction = (int)(value.Ticks % TimeSpan.TicksPerSecond);
        if (fraction == 0)
        {
            return length;
        }

        var digits = 7;
        while (fraction % 10 == 0)
        {
            fraction /= 10;
            digits--;
        }

        destination[length] = (byte)'.';
        for (var i = digits; i > 0; i--)
        {
            destination[length + i] = (byte)('0' + fraction % 10);
            fraction /= 10;
        }

        return length + 1 + digits;
    }

    /// <summary>Writes <paramref name="value"/> like <c>ToString("yyyy-MM-dd")</c>; returns the byte count.</summary>
    public static int Write(DateOnly value, Span<byte> destination) => WriteDate(value.Year, value.Month, value.Day, destination);

    private static int WriteDate(int year, int month, int day, Span<byte> destination)
    {
        Two(year / 100, destination);
        Two(year % 100, destination[2..]);
        destination[4] = (byte)'-';
        Two(month, destination[5..]);
        destination[7] = (byte)'-';
        Two(day, destination[8..]);
        return 10;
    }

    private static void Two(int value, Span<byte> destination)
    {
        destination[0] = (byte)('0' + value / 10);
        destination[1] = (byte)('0' + value % 10);
    }
}
