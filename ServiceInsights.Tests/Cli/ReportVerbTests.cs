using System.Globalization;
using ClosedXML.Excel;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Cli;
using UglyToad.PdfPig;

namespace ServiceInsights.Tests.Cli;

/// <summary>The <c>report</c> verb for the repair turnaround and KPI reports: real files in both languages, one-line errors otherwise.</summary>
public sealed class ReportVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr, builder =>
            builder.Configuration["ConnectionStrings:ServiceInsights"] = _folder.SqliteConnectionString("cli.db"));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private async Task ImportARepairMonthAsync()
    {
        var tickets = ImportFileBuilder.Csv(_folder, "t.csv", ImportFileBuilder.Utf8, ["工单号", "来电时间", "首次响应时间", "产品来源"],
            ["GD1", "2026-10-12 09:00", "2026-10-12 09:30", "自产"]);
        var repairs = ImportFileBuilder.Csv(_folder, "r.csv", ImportFileBuilder.Utf8, ["维修单号", "工单号", "收件时间", "修复时间"],
            ["WX1", "GD1", "2026-10-12 10:00", "2026-10-15 10:00"]);
        Assert.Equal(0, (await RunAsync("import", tickets, repairs)).Exit);
    }

    public static TheoryData<string, string, string?, string> KindFormatLanguageTitle() => new()
    {
        { "repairs", "pdf", null, "返厂维修周转报告" },
        { "repairs", "xlsx", null, "返厂维修周转报告" },
        { "repairs", "pdf", "en-US", "Repair turnaround report" },
        { "repairs", "xlsx", "en-US", "Repair turnaround report" },
        { "kpi", "pdf", null, "月度KPI报告" },
        { "kpi", "xlsx", null, "月度KPI报告" },
        { "kpi", "pdf", "en-US", "Monthly KPI report" },
        { "kpi", "xlsx", "en-US", "Monthly KPI report" },
    };

    [Theory]
    [MemberData(nameof(KindFormatLanguageTitle))]
    public async Task WritesARealFileOfTheReportInTheLanguageAsked(string kind, string format, string? language, string title)
    {
        await ImportARepairMonthAsync();
        var path = _folder.File($"out/{kind}.{format}");
        string[] lang = language is null ? [] : ["--lang", language];

        var (exit, output, error) = await RunAsync(["report", kind, "--month", "2026-10", "--asof", "2026-11-27T00:00", "--format", format, .. lang, "--out", path]);

        Assert.True(exit == 0, error);
        Assert.Contains(path, output);
        if (format == "pdf")
        {
            using var pdf = PdfDocument.Open(path);
            Assert.Contains(title.Replace(" ", ""), string.Concat(pdf.GetPage(1).Letters.Select(l => l.Value)).Replace(" ", ""));
        }
        else
        {
            using var workbook = new XLWorkbook(path);
            Assert.Equal(title, workbook.Worksheet(1).Cell("A2").GetString());
            Assert.Equal("2026-10", workbook.Worksheet(1).Cell("B3").GetString());
        }
    }

    [Theory]
    [InlineData("unknown report 'turnaround'", "report", "turnaround", "--month", "2026-10", "--format", "pdf", "--out", "x.pdf")]
    [InlineData("--month '2026-13' is not a month", "report", "repairs", "--month", "2026-13", "--format", "pdf", "--out", "x.pdf")]
    [InlineData("--format 'docx' is not pdf or xlsx", "report", "kpi", "--month", "2026-10", "--format", "docx", "--out", "x.docx")]
    [InlineData("--lang 'fr-FR' is not one of", "report", "kpi", "--month", "2026-10", "--format", "xlsx", "--lang", "fr-FR", "--out", "x.xlsx")]
    public async Task FailsWithAClearMessageAndNonZeroExit(string message, params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);

        Assert.NotEqual(0, exit);
        Assert.Contains(message, error);
        Assert.DoesNotContain("Wrote", output);
        Assert.False(File.Exists(_folder.File(args[^1])));
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
