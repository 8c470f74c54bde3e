using ServiceInsights.Data.Import;

namespace ServiceInsights.Tests.Import;

public class CellParserTests
{
    [Theory]
    [InlineData("2026-03-05 14:20", "2026-03-05T14:20:00")]
    [InlineData("2026-03-05 14:20:07", "2026-03-05T14:20:07")]
    [InlineData("2026-03-05T14:20", "2026-03-05T14:20:00")]
    [InlineData("2026/3/5 14:20", "2026-03-05T14:20:00")]
    [InlineData("2026/03/05 9:05", "2026-03-05T09:05:00")]
    [InlineData("2026年3月5日 14:20", "2026-03-05T14:20:00")]
    [InlineData("2026年3月5日14:20", "2026-03-05T14:20:00")]
    [InlineData("2026年3月5日 下午2:20", "2026-03-05T14:20:00")]
    [InlineData(" 2026-03-05 ", "2026-03-05T00:00:00")]
    [InlineData("2026年3月5日", "2026-03-05T00:00:00")]
    [InlineData("2026.3.5 14:20", "2026-03-05T14:20:00")]
    [InlineData("46086.5972222222", "2026-03-05T14:20:00")]
    public void ReadsEveryDocumentedDateTimeForm(string text, string expected)
    {
        Assert.True(CellParser.TryDateTime(text, out var local), text);
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), local);
    }

    [Fact]
    public void ReadsExcelSerialNumbersAndDateCells()
    {
        Assert.True(CellParser.TryDateTime(46086.5972222222d, out var fromSerial));
        Assert.Equal(new DateTime(2026, 3, 5, 14, 20, 0), fromSerial);
        Assert.True(CellParser.TryDateTime(new DateTime(2026, 3, 5, 14, 20, 0, DateTimeKind.Utc), out var fromCell));
        Assert.Equal(DateTimeKind.Unspecified, fromCell.Kind);
        Assert.True(CellParser.TryDate(46086d, out var day));
        Assert.Equal(new DateOnly(2026, 3, 5), day);
    }

    [Theory]
    [InlineData("2026-02-30 10:00")]
    [InlineData("2026-13-01")]
    [InlineData("2026-03-05 24:10")]
    [InlineData("5/3/2026")]
    [InlineData("yesterday")]
    [InlineData("1899-01-01")]
    [InlineData("-3")]
    public void RefusesWhatIsNotADateTime(string text) => Assert.False(CellParser.TryDateTime(text, out _));

    [Theory]
    [InlineData("是", true)]
    [InlineData("否", false)]
    [InlineData("Y", true)]
    [InlineData("n", false)]
    [InlineData("Yes", true)]
    [InlineData("FALSE", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("✓", true)]
    public void ReadsYesNo(string text, bool expected)
    {
        Assert.True(CellParser.TryYesNo(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("非常满意", 5)]
    [InlineData("满意", 4)]
    [InlineData("一般", 3)]
    [InlineData("不满意", 2)]
    [InlineData("非常不满意", 1)]
    [InlineData("4", 4)]
    [InlineData(" 5 ", 5)]
    public void ReadsSatisfactionWordsAndNumbers(string text, int expected)
    {
        Assert.True(CellParser.TrySatisfaction(text, out var score));
        Assert.Equal(expected, score);
    }

    [Theory]
    [InlineData("6")]
    [InlineData("0")]
    [InlineData("3.5")]
    [InlineData("还行吧")]
    public void RefusesSatisfactionOutsideTheScale(string text) => Assert.False(CellParser.TrySatisfaction(text, out _));

    [Theory]
    [InlineData("12,800.50", 12800.50)]
    [InlineData("￥3600", 3600)]
    [InlineData("3600元", 3600)]
    public void ReadsPrices(string text, double expected)
    {
        Assert.True(CellParser.TryDecimal(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("电话")]
    [InlineData("phone")]
    [InlineData("PHONE")]
    public void ReadsChineseWordOrEnglishAliasCaseInsensitively(string text)
    {
        var channel = RecordSchemas.Tickets.Fields.Single(f => f.Property == "Channel");
        Assert.True(CellParser.TryChoice(text, channel, out var value));
        Assert.Equal(Data.Entities.Channel.Phone, value);
    }
}
