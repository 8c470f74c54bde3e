using System.Text;
using ServiceInsights.Data.Import;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Import;

public class CsvImportFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public static TheoryData<string> Encodings() => ["utf-8", "utf-8-bom", "gb18030", "utf-16"];

    [Theory]
    [MemberData(nameof(Encodings))]
    public void DetectsTheEncodingAndReadsChineseText(string encodingName)
    {
        var encoding = encodingName switch
        {
            "utf-8" => ImportFileBuilder.Utf8,
            "utf-8-bom" => ImportFileBuilder.Utf8Bom,
            "gb18030" => ImportFileBuilder.Gb18030,
            _ => Encoding.Unicode,
        };
        var path = ImportFileBuilder.Csv(_folder, "t.csv", encoding, ["工单号", "客户单位"], ["GD1", "江苏省盐城市植物保护站"]);

        using var file = new CsvImportFile(path, "t.csv");
        var table = file.Tables().Single();

        Assert.Equal(["工单号", "客户单位"], table.Headers);
        var row = table.Rows(CancellationToken.None).Single();
        Assert.Equal(2, row.RowNumber);
        Assert.Equal("江苏省盐城市植物保护站", row.Cells[1]);
    }

    [Fact]
    public void TellsGb18030FromUtf8EvenWhenTheFirstChineseTextIsFarIntoTheFile()
    {
        var rows = new List<string[]> { new[] { "工单号", "备注" } };
        rows.AddRange(Enumerable.Range(0, 5000).Select(i => new[] { $"GD{i}", "ascii only" }));
        rows.Add(["GD-last", "中文在最后"]);
        var path = ImportFileBuilder.Csv(_folder, "late.csv", ImportFileBuilder.Gb18030, [.. rows]);

        using var file = new CsvImportFile(path, "late.csv");
        Assert.Equal("GB18030", file.Encoding.WebName.ToUpperInvariant());
        Assert.Equal("中文在最后", file.Tables().Single().Rows(CancellationToken.None).Last().Cells[1]);
    }

    [Fact]
    public void ReadsQuotedFieldsWithCommasQuotesAndLineBreaks()
    {
        var path = _folder.File("q.csv");
        File.WriteAllText(path, "工单号,问题描述,备注\r\nGD1,\"无法联网, 数据不上传\",\"客户说\"\"很急\"\"\"\r\nGD2,\"第一行\n第二行\",\r\n\r\nGD3,x,y\n", ImportFileBuilder.Utf8);

        using var file = new CsvImportFile(path, "q.csv");
        var rows = file.Tables().Single().Rows(CancellationToken.None).ToList();

        Assert.Equal(3, rows.Count);
        Assert.Equal("无法联网, 数据不上传", rows[0].Cells[1]);
        Assert.Equal("客户说\"很急\"", rows[0].Cells[2]);
        Assert.Equal("第一行\n第二行", rows[1].Cells[1]);
        Assert.Equal(5, rows[2].RowNumber); // the blank line 4 is skipped but still counted
    }

    [Theory]
    [InlineData('\t')]
    [InlineData(';')]
    public void DetectsTabAndSemicolonSeparators(char separator)
    {
        var path = _folder.File("sep.csv");
        File.WriteAllText(path, $"工单号{separator}客户单位\nGD1{separator}南京农业大学\n", ImportFileBuilder.Utf8Bom);

        using var file = new CsvImportFile(path, "sep.csv");
        var table = file.Tables().Single();
        Assert.Equal(["工单号", "客户单位"], table.Headers);
        Assert.Equal("南京农业大学", table.Rows(CancellationToken.None).Single().Cells[1]);
    }

    public void Dispose() => _folder.Dispose();
}
