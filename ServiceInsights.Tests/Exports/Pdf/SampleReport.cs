using Microsoft.Extensions.Localization;
using ServiceInsights.Web;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.Pdf;

namespace ServiceInsights.Tests.Exports.Pdf;

/// <summary>A ticket row of the sample report's detail table.</summary>
public sealed record SampleTicket(string TicketNo, string Customer, string Model, DateTime ReceivedAt, string Description, int WorkingDays, double OnTimeRate, bool Closed);

/// <summary>
/// The shape a report PDF takes on the composition layer, for report authors to copy: one class, its columns declared
/// once (they drive the Excel sheet too), and <see cref="Compose"/> as a list of named steps. The texts are fixed
/// Chinese sample texts; a real report takes them from its model and the localizer.
/// </summary>
public sealed class SampleReport(IReadOnlyList<SampleTicket> tickets, IStringLocalizer<SharedResource> localizer)
{
    public static readonly DateOnly Month = new(2026, 10, 1);
    public const string Title = "月度回访报告";

    public static IReadOnlyList<ReportColumn<SampleTicket>> Columns { get; } =
    [
        new("工单号", t => t.TicketNo, Width: 1.25),
        new("客户", t => t.Customer, Width: 1.4),
        new("型号", t => t.Model, Width: 0.9),
        new("受理时间", t => t.ReceivedAt, CellFormat.DateTime, 1.2),
        new("问题描述", t => t.Description, Width: 2.6),
        new("工作日", t => t.WorkingDays, CellFormat.Integer, 0.6),
        new("及时率", t => t.OnTimeRate, CellFormat.Percent, 0.7),
        new("已关闭", t => t.Closed, Width: 0.6),
    ];

    public bool Landscape { get; init; }
    public bool WithCharts { get; init; } = true;

    public byte[] Generate() => Compose().ToBytes();

    public PdfReport Compose() =>
        new PdfReport(new PdfReportHeader(Title, new DateTime(2026, 11, 3, 9, 30, 0)) { Month = Month, AsOf = new DateTime(2026, 11, 1, 0, 0, 0) }, localizer, Landscape)
            .Compose(ComposeSummary)
            .Compose(ComposeCharts)
            .Compose(ComposeTable)
            .Compose(ComposeOpenItems)
            .Compose(ComposeSettings);

    private void ComposeSummary(PdfReport report) => report
        .Heading("一、本月概况")
        .KeyFigures(
        [
            new("回访总数", tickets.Count.ToString("N0"), "目标 ≥ 100", FigureStatus.Good),
            new("回访接通率", "92.4%", "目标 ≥ 90%", FigureStatus.Good),
            new("满意度", "86.1%", "目标 ≥ 90%", FigureStatus.Warning),
            new("超期未回访", "7", "目标 0", FigureStatus.Bad),
        ])
        .Paragraph("本月共完成电话回访与短信回访，客户对维修及时性总体满意；部分客户反映返厂维修周期较长，需要在下月重点跟进。" +
                   "The SMS callbacks of the week of 2026-10-12 were delayed by a gateway outage; the delay is excluded from CS-3d by the standard.");

    private void ComposeCharts(PdfReport report)
    {
        if (!WithCharts)
        {
            return;
        }

        string[] weeks = ["第40周", "第41周", "第42周", "第43周", "第44周"];
        report
            .Heading("二、回访方式与趋势")
            .BarChart(new BarChart("按周回访数量", weeks,
                [new ChartSeries("短信（周）", [34, 41, 38, 45, 29]), new ChartSeries("短信（月）", [12, 9, 15, 11, 8]), new ChartSeries("电话", [21, 25, 19, 28, 23])]))
            .LineChart(new LineChart("近十二个月满意度与接通率",
                ["11月", "12月", "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月"],
                [
                    new ChartSeries("满意度", [0.88, 0.90, 0.87, 0.91, 0.92, 0.89, 0.90, 0.93, 0.91, 0.88, 0.87, 0.861]),
                    new ChartSeries("接通率", [0.93, 0.94, 0.95, 0.92, 0.93, 0.94, 0.96, 0.95, 0.94, 0.93, 0.92, 0.924]),
                ]) { ValueFormat = CellFormat.Percent })
            .PieChart(new PieChart("满意度分布", [new("非常满意", 118), new("满意", 64), new("一般", 21), new("不满意", 9), new("非常不满意", 3)]) { Donut = true })
            .BarChart(new BarChart("按产品系列的电话回访覆盖", ["激光切割机", "折弯机", "自动化产线", "配件"], [new ChartSeries("覆盖率", [0.96, 0.88, 0.74, 0.52])]) { ValueFormat = CellFormat.Percent, Height = 150 });
    }

    private void ComposeTable(PdfReport report) => report
        .Heading("三、回访明细")
        .Table(Columns, tickets);

    private void ComposeOpenItems(PdfReport report) => report
        .Heading("四、待办事项")
        .Highlight("未解决及不满意客户", ["华东精密机械有限公司：设备返厂维修超过约定日期，客户要求书面说明。", "No containment recorded for ticket T-2026-10-0042."]);

    private void ComposeSettings(PdfReport report) => report
        .Heading("五、本报告采用的设置")
        .KeyValues(null,
        [
            new("电话回访时限（工作日）", "3"),
            new("短信回访周期", "每周一次；每月汇总一次"),
            new("工作时间", "08:30–17:30（周一至周五，法定节假日除外）"),
            new("满意度目标", "≥ 90%"),
        ]);

    /// <summary><paramref name="count"/> sample tickets with Chinese texts of varied length (some wrap over several lines).</summary>
    public static List<SampleTicket> Tickets(int count)
    {
        string[] customers = ["华东精密机械有限公司", "苏州新锐自动化科技", "Shenzhen Bright Laser Co., Ltd.", "北方重工", "宁波海天塑机集团有限公司华南分公司"];
        string[] models = ["LC-3015", "PB-1103", "AL-200", "LC-6025X", "FM-80"];
        string[] descriptions =
        [
            "切割头温度过高，报警后停机。",
            "客户反映设备运行时有异响，现场检查发现主轴轴承磨损，需要返厂更换，并对同批次设备进行排查。",
            "Laser source power drops after 20 minutes; replaced the chiller pump.",
            "折弯角度偏差，已重新标定。",
            "控制柜进水导致主板短路，更换主板后恢复正常；建议客户加装防水罩，并在雨季前检查柜门密封条。",
        ];
        return Enumerable.Range(0, count).Select(i => new SampleTicket(
            $"T-2026-10-{i + 1:D5}", customers[i % customers.Length], models[i % models.Length],
            new DateTime(2026, 10, 1, 8, 30, 0).AddMinutes(i * 37), descriptions[i % descriptions.Length],
            i % 7, (i % 10) / 10.0, i % 3 != 0)).ToList();
    }
}
