using ServiceInsights.Data.Import;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Import;

/// <summary>The content hash a re-import compares with: it must not change between versions, or every stored record would
/// count as updated on the next import of the same file. The expected values were computed by the field-by-field hasher
/// this one replaced.</summary>
public class RecordMapperTests
{
    [Theory]
    // Text, instant, decimal, choice, yes/no and an empty cell.
    [InlineData("Quotes", new[] { "报价单号", "工单号", "报价时间", "含税价", "不含税价", "首次报价", "客户要求不开票" },
        new[] { "BJ-1", "GD-1", "2026/3/5 14:20", "1280.50", "", "含税", "是" }, -6930481012503848339L)]
    // Choice, instants, yes/no, a score and Chinese text.
    [InlineData("SiteVisits", new[] { "委派单号", "派单来源", "下单时间", "到达时间", "安装调试单", "满意度", "工程师" },
        new[] { "PD-7", "销售", "2026-10-09 09:00", "2026年10月10日 14:30", "否", "5", "李强" }, 4770186321129085613L)]
    // A date, in columns ordered unlike the schema.
    [InlineData("Tickets", new[] { "客户单位", "工单号", "来电时间", "购买时间" },
        new[] { "荆州市农业局", "GD-9", "2026-10-01 08:00", "2025-05-01" }, -2693539878281611639L)]
    public void TheContentHashOfARowStaysTheSameAcrossVersions(string kind, string[] headers, string[] cells, long expected)
    {
        var schema = RecordSchemas.All.Single(s => s.Kind.ToString() == kind);
        var mapper = new RecordMapper(schema, headers, TestClock.Shanghai.TimeZone);
        var errors = new List<CellError>();

        var record = mapper.Map(new SourceRow(2, cells), errors, chineseHeaders: true);

        Assert.Empty(errors);
        Assert.Equal(expected, record!.ContentHash);
    }
}
