using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Domain;
using ServiceInsights.Web;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.Excel;

namespace ServiceInsights.Tests.Exports.Excel;

/// <summary>A callback row as a report query would return it (times department-local).</summary>
public sealed record ExampleCallbackRow(
    string CallbackNo, string Customer, string Method, DateTime At, DateOnly Due, bool Reached, int Score, double ReachRate, string? Needs);

/// <summary>A repair row: a second record kind, so the workbook has two detail sheets.</summary>
public sealed record ExampleRepairRow(string RepairNo, string Model, double WorkingDays, DateOnly ReceivedOn);

/// <summary>A small summary table's row ("by method").</summary>
public sealed record ExampleMethodRow(string Method, int Count, double ReachRate);

/// <summary>
/// How a report author uses <see cref="ReportWorkbook"/> — the shape a real <c>CallbackSheet</c> takes: columns declared
/// once (the same list drives the PDF table), then summary, one detail sheet per record kind, settings, finish.
/// A real sheet takes its headers from <c>L["Callbacks.…"]</c>; this example passes literal Chinese headers.
/// </summary>
public static class ExampleCallbackWorkbook
{
    public static readonly IReadOnlyList<ReportColumn<ExampleCallbackRow>> CallbackColumns =
    [
        new("回访单号", r => r.CallbackNo),
        new("客户", r => r.Customer, Width: 2),
        new("方式", r => r.Method),
        new("回访时间", r => r.At, CellFormat.DateTime),
        new("应回访日", r => r.Due, CellFormat.Date),
        new("已接通", r => r.Reached),
        new("满意度", r => r.Score, CellFormat.Integer),
        new("接通率", r => r.ReachRate, CellFormat.Percent),
        new("其他需求", r => r.Needs, Width: 3),
    ];

    public static readonly IReadOnlyList<ReportColumn<ExampleRepairRow>> RepairColumns =
    [
        new("维修单号", r => r.RepairNo),
        new("型号", r => r.Model),
        new("工作日", r => r.WorkingDays, CellFormat.Number),
        new("收货日期", r => r.ReceivedOn, CellFormat.Date),
    ];

    public static readonly IReadOnlyList<ReportColumn<ExampleMethodRow>> MethodColumns =
    [
        new("方式", r => r.Method),
        new("次数", r => r.Count, CellFormat.Integer),
        new("接通率", r => r.ReachRate, CellFormat.Percent),
    ];

    public static async Task WriteAsync(
        Stream output,
        IStringLocalizer<SharedResource> localizer,
        WorkbookHeader header,
        IReadOnlyList<SummaryFigure> figures,
        IReadOnlyList<ExampleMethodRow> byMethod,
        IReadOnlyList<ExampleCallbackRow> callbacks,
        IReadOnlyList<ExampleRepairRow> repairs,
        IReadOnlyList<KeyValuePair<string, string>> settings,
        string callbackSheetName = "回访明细",
        string repairSheetName = "维修明细")
    {
        await using var workbook = await ReportWorkbook.CreateAsync(output, localizer, header);
        await workbook.WriteSummaryAsync(figures, [SummaryTable.Of("按方式", MethodColumns, byMethod)]);
        await workbook.WriteDetailAsync(callbackSheetName, CallbackColumns, callbacks);
        await workbook.WriteDetailAsync(repairSheetName, RepairColumns, repairs);
        await workbook.WriteSettingsAsync(settings);
        await workbook.FinishAsync();
    }

    public static WorkbookHeader Header => new("月度回访报告", new ReportMonth(2026, 10), new DateTime(2026, 10, 31, 23, 59, 0), new DateTime(2026, 11, 2, 8, 30, 0));
}
