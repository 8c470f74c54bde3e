using System.Diagnostics;
using System.Globalization;
using ClosedXML.Excel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Domain;
using ServiceInsights.Web;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.Excel;
using ServiceInsights.Web.Cli;

namespace ServiceInsights.Tools.Bench;

/// <summary>
/// <c>bench workbook</c>: writes a month-sized report workbook — a summary, three detail sheets (tickets, callbacks,
/// repairs) of 15 columns with Chinese text, dates, date-times, percentages and numbers, and the settings — with the
/// product's SpreadCheetah writer or with ClosedXML, and prints wall time, CPU time and peak memory (decision 010).
/// Run each writer in a process of its own: the peak working set is the process's.
/// </summary>
public static class WorkbookBenchmark
{
    public static async Task<int> RunAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var writer = options.Get("writer") ?? "spreadcheetah";
        var total = int.Parse(options.Get("rows") ?? "100000", CultureInfo.InvariantCulture);
        var path = options.Get("out") ?? Path.Combine(Path.GetTempPath(), $"bench-{writer}.xlsx");

        if (writer is not ("spreadcheetah" or "closedxml"))
        {
            throw new CliUsageException($"--writer must be spreadcheetah or closedxml, not '{writer}'");
        }

        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var localizer = services.GetRequiredService<IStringLocalizer<SharedResource>>();

        var kinds = new (string Sheet, DetailRow[] Rows)[]
        {
            ("工单明细", Rows("GD", total * 60 / 100, 1)),
            ("回访明细", Rows("HF", total * 25 / 100, 2)),
            ("维修明细", Rows("FX", total * 15 / 100, 3)),
        };
        var figures = Enumerable.Range(1, 20).Select(i => new SummaryFigure($"CS-{i} 规则{i}达标率", 0.8 + i / 200.0, CellFormat.Percent, 0.9, 800 + i, 1000, i, -0.01 * i)).ToArray();
        var byClass = SummaryTable.Of("按类别", BenchmarkColumns.All, kinds[0].Rows.Take(5).ToArray());
        var settings = Enumerable.Range(1, 30).Select(i => new KeyValuePair<string, string>($"Setting{i}", (i * 1.5).ToString(CultureInfo.InvariantCulture))).ToArray();
        var header = new WorkbookHeader("月度KPI报告", new ReportMonth(2026, 10), new DateTime(2026, 10, 31, 23, 59, 0), DateTime.Now);

        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        await using (var file = File.Create(path))
        {
            if (writer == "closedxml")
            {
                ClosedXmlWorkbook.Write(file, header, figures, kinds, settings);
            }
            else
            {
                await using var workbook = await ReportWorkbook.CreateAsync(file, localizer, header);
                await workbook.WriteSummaryAsync(figures, [byClass]);
                foreach (var (sheet, rows) in kinds)
                {
                    await workbook.WriteDetailAsync(sheet, BenchmarkColumns.All, rows);
                }

                await workbook.WriteSettingsAsync(settings);
                await workbook.FinishAsync();
            }
        }

        watch.Stop();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        output.WriteLine(FormattableString.Invariant(
            $"{writer}: {kinds.Sum(k => k.Rows.Length)} rows x {BenchmarkColumns.All.Count} columns, {watch.Elapsed.TotalSeconds:0.00} s wall, {(process.TotalProcessorTime - cpuBefore).TotalSeconds:0.00} s CPU, peak working set {process.PeakWorkingSet64 / 1048576.0:0} MB (data in memory before writing {before / 1048576.0:0} MB), file {new FileInfo(path).Length / 1048576.0:0.0} MB"));
        return CommandLine.Ok;
    }

    private static DetailRow[] Rows(string prefix, int count, int seed)
    {
        var random = new Random(seed);
        string[] customers = ["上海某某精密机械有限公司", "苏州工业园区自动化设备厂", "杭州新能源科技股份有限公司", "Shenzhen Precision Ltd.", "宁波港口机械维修中心"];
        string[] staff = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊"];
        string[] statuses = ["已解决", "处理中", "待回访", "已关闭"];
        string[] remarks = ["客户反映设备运行正常，希望安排下季度保养", "=SUM(A1)", "+86 138 0013 8000", "电话未接通，已发送短信提醒，客户次日回电确认设备已恢复正常运行并对服务表示满意", "-5", ""];
        var start = new DateTime(2026, 10, 1, 8, 0, 0);
        return
        [
            .. Enumerable.Range(1, count).Select(i =>
            {
                var received = start.AddMinutes(random.Next(0, 31 * 24 * 60));
                return new DetailRow(
                    $"{prefix}2026{i:D7}", customers[random.Next(customers.Length)], $"SI-{random.Next(100, 999)}X", staff[random.Next(staff.Length)],
                    statuses[random.Next(statuses.Length)], received, DateOnly.FromDateTime(received).AddDays(random.Next(1, 10)),
                    random.Next(5) == 0 ? null : received.AddHours(random.Next(1, 200)), Math.Round(random.NextDouble() * 12, 1),
                    Math.Round(random.NextDouble() * 72, 1), random.Next(1, 6), random.NextDouble(), random.Next(3) > 0,
                    remarks[random.Next(remarks.Length)], $"+86 13{random.Next(100000000, 999999999)}");
            }),
        ];
    }
}

internal sealed record DetailRow(
    string No, string Customer, string Model, string Staff, string Status, DateTime ReceivedAt, DateOnly DueOn, DateTime? ClosedAt,
    double WorkingDays, double Hours, int Score, double Rate, bool Met, string Remark, string Phone);

internal static class BenchmarkColumns
{
    public static readonly IReadOnlyList<ReportColumn<DetailRow>> All =
    [
        new("单号", r => r.No), new("客户", r => r.Customer), new("型号", r => r.Model), new("负责人", r => r.Staff),
        new("状态", r => r.Status), new("受理时间", r => r.ReceivedAt, CellFormat.DateTime), new("应完成日", r => r.DueOn, CellFormat.Date),
        new("关闭时间", r => r.ClosedAt, CellFormat.DateTime), new("工作日", r => r.WorkingDays, CellFormat.Number),
        new("小时", r => r.Hours, CellFormat.Number), new("满意度", r => r.Score, CellFormat.Integer),
        new("达标率", r => r.Rate, CellFormat.Percent), new("达标", r => r.Met), new("备注", r => r.Remark), new("电话", r => r.Phone),
    ];
}

/// <summary>The same workbook written with ClosedXML 0.95.4 the way the rejected-rows workbook is written.</summary>
internal static class ClosedXmlWorkbook
{
    public static void Write(
        Stream output, WorkbookHeader header, SummaryFigure[] figures, (string Sheet, DetailRow[] Rows)[] kinds, KeyValuePair<string, string>[] settings)
    {
        using var workbook = new XLWorkbook();
        var summary = workbook.Worksheets.Add("汇总");
        summary.Cell(1, 1).SetValue("工程服务部");
        summary.Cell(2, 1).SetValue(header.Title);
        summary.Cell(3, 1).SetValue(header.Month.ToString());
        var r = 5;
        foreach (var f in figures)
        {
            Text(summary.Cell(r, 1), f.Label);
            summary.Cell(r, 2).SetValue(f.Value ?? 0).Style.NumberFormat.Format = "0.0%";
            summary.Cell(r, 3).SetValue((double)f.Target!).Style.NumberFormat.Format = "0.0%";
            summary.Cell(r, 4).SetValue(f.Met ?? 0);
            summary.Cell(r, 5).SetValue(f.Eligible ?? 0);
            r++;
        }

        foreach (var (name, rows) in kinds)
        {
            Table(workbook.Worksheets.Add(name), BenchmarkColumns.All, rows);
        }

        Table(workbook.Worksheets.Add("生效设置"), [new("设置项", s => s.Key), new("值", s => s.Value)], settings);
        workbook.SaveAs(output);
    }

    private static void Table<TRow>(IXLWorksheet sheet, IReadOnlyList<ReportColumn<TRow>> columns, IReadOnlyList<TRow> rows)
    {
        var widths = new ColumnWidths(columns.Count);
        for (var c = 0; c < columns.Count; c++)
        {
            Text(sheet.Cell(1, c + 1), columns[c].Header);
            widths.MeasureHeader(c, columns[c].Header);
        }

        for (var i = 0; i < rows.Count; i++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                var value = columns[c].Value(rows[i]);
                widths.MeasureCell(c, value, columns[c].Format);
                var cell = sheet.Cell(i + 2, c + 1);
                switch (value)
                {
                    case string s: Text(cell, s); break;
                    case DateOnly d: cell.SetValue(d.ToDateTime(TimeOnly.MinValue)); break;
                    case DateTime t: cell.SetValue(t); break;
                    case double x: cell.SetValue(x); break;
                    case int n: cell.SetValue(n); break;
                    case bool b: cell.SetValue(b); break;
                }
            }
        }

        for (var c = 0; c < columns.Count; c++)
        {
            var column = sheet.Column(c + 1);
            column.Width = widths.Width(c);
            column.Style.NumberFormat.Format = columns[c].Format switch
            {
                CellFormat.Percent => "0.0%", CellFormat.Number => "0.0", CellFormat.Integer => "0",
                CellFormat.Date => "yyyy-mm-dd", CellFormat.DateTime => "yyyy-mm-dd hh:mm", _ => "@",
            };
        }

        var headerRow = sheet.Range(1, 1, 1, columns.Count);
        headerRow.Style.Font.Bold = true;
        headerRow.Style.Fill.BackgroundColor = XLColor.FromArgb(ReportWorkbook.HeaderFill.ToArgb());
        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, rows.Count + 1, columns.Count).SetAutoFilter();
    }

    private static void Text(IXLCell cell, string text)
    {
        cell.SetValue(text);
        cell.DataType = XLDataType.Text;
    }
}
