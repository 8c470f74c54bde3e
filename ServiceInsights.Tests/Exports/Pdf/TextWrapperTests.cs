using ServiceInsights.Web.Exports.Pdf;

namespace ServiceInsights.Tests.Exports.Pdf;

public sealed class TextWrapperTests
{
    private const double Size = 10;

    [Fact]
    public void ChineseTextBreaksBetweenAnyTwoCharactersAndEveryLineFits()
    {
        var text = "客户反映设备运行时有异响现场检查发现主轴轴承磨损需要返厂更换";
        var width = FontFace.Regular.Width("客户反映设备运", Size) + 0.1;

        var lines = Wrap(text, width);

        Assert.True(lines.Count >= 4);
        Assert.Equal(text, string.Concat(lines));
        Assert.All(lines, l => Assert.True(FontFace.Regular.Width(l, Size) <= width));
        Assert.Equal("客户反映设备运", lines[0]);
    }

    [Theory]
    [InlineData("设备运行正常，客户满意。", "，")]
    [InlineData("设备运行正常。客户满意。", "。")]
    [InlineData("设备（主机）运行正常！", "）")]
    public void ClosingPunctuationNeverStartsALine(string text, string mark)
    {
        // A width that would put the mark first on the second line if nothing kept it back.
        var before = text[..text.IndexOf(mark, StringComparison.Ordinal)];
        var lines = Wrap(text, FontFace.Regular.Width(before, Size) + 0.1);

        Assert.True(lines.Count >= 2);
        Assert.All(lines, l => Assert.False(TextWrapper.IsClosing(l[0]), $"line starts with '{l[0]}'"));
        Assert.Equal(text, string.Concat(lines));
    }

    [Fact]
    public void LatinTextBreaksAtSpaces()
    {
        var lines = Wrap("Laser source power drops after twenty minutes", FontFace.Regular.Width("Laser source power", Size) + 0.1);

        Assert.Equal(["Laser source power", "drops after twenty", "minutes"], lines);
    }

    [Fact]
    public void ALatinWordLongerThanALineIsBrokenInside()
    {
        var width = FontFace.Regular.Width("ABCDEFGH", Size) + 0.1;

        var lines = Wrap("ABCDEFGHIJKLMNOPQRSTUVWXYZ end", width);

        Assert.Equal("ABCDEFGH", lines[0]);
        Assert.All(lines, l => Assert.True(FontFace.Regular.Width(l, Size) <= width));
        Assert.Equal("ABCDEFGHIJKLMNOPQRSTUVWXYZend", string.Concat(lines).Replace(" ", ""));
    }

    [Fact]
    public void MixedTextBreaksBeforeALatinWordNotInsideIt()
    {
        var lines = Wrap("更换 chiller 水泵", FontFace.Regular.Width("更换 chil", Size));

        Assert.Equal("更换", lines[0]);
        Assert.Equal("chiller", lines[1]);
    }

    [Fact]
    public void ANumberWithHyphensBreaksAfterAHyphen() =>
        Assert.Equal(["T-2026-10-", "00042"], Wrap("T-2026-10-00042", FontFace.Regular.Width("T-2026-10-000", Size)));

    [Fact]
    public void NewlinesStartNewLines() => Assert.Equal(["第一行", "第二行"], Wrap("第一行\n第二行", 500));

    [Fact]
    public void TheGlyphCacheMeasuresLikePdfSharp()
    {
        var font = ReportTheme.Default.Font(Size);
        var graphics = PdfSharp.Drawing.XGraphics.CreateMeasureContext(new PdfSharp.Drawing.XSize(500, 500), PdfSharp.Drawing.XGraphicsUnit.Point, PdfSharp.Drawing.XPageDirection.Downwards);
        const string text = "回访接通率 Callback reach 92.4%";

        Assert.Equal(graphics.MeasureString(text, font).Width, FontFace.Regular.Width(text, Size), 3);
    }

    private static List<string> Wrap(string text, double width)
    {
        var lines = new List<TextLine>();
        TextWrapper.Wrap(text, FontFace.Regular, Size, width, lines);
        return lines.Select(l => l.Text(text)).ToList();
    }
}
