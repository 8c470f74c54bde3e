using ServiceInsights.Data.EightD;
using ServiceInsights.Web.Exports;
using UglyToad.PdfPig;
using Xunit.Abstractions;

namespace ServiceInsights.Tests.Exports.EightD;

/// <summary>The 8D form as PDF, read back with PdfPig.</summary>
public sealed class EightDPdfTests(ITestOutputHelper output) : EightDExportTestBase
{
    private static readonly string[] ChineseHeadings =
        ["D0症状与紧急响应措施", "D1成立小组", "D2问题描述", "D3临时围堵措施", "D4根本原因分析", "D5永久纠正措施", "D6实施与效果确认", "D7预防再发生", "D8结案与团队表彰", "签核"];

    private static readonly string[] EnglishHeadings =
    [
        "D0Symptomandemergencyresponse", "D1Team", "D2Problemdescription", "D3Interimcontainmentactions", "D4Rootcauseanalysis",
        "D5Permanentcorrectiveactions", "D6Implementationandvalidation", "D7Preventrecurrence", "D8Closureandteamrecognition", "Sign-off",
    ];

    [Fact]
    public async Task TheChinesePdfHasEveryDisciplineHeadingTheNumberAndTheComplaintNumber()
    {
        var report = await RichAsync();

        var text = Text(await Save(await ExportAsync(report.Number, ExportFormat.Pdf, "zh-CN"), "rich-zh"));

        Assert.All(ChineseHeadings, heading => Assert.Contains(heading, text));
        Assert.Contains(report.Number, text);
        Assert.Contains(ComplaintNo, text);
        Assert.Contains("通信模块批次焊点虚焊", text);
        Assert.Contains("1.模块离线", text);
        Assert.Contains("5.供应商未按工艺文件设定", text);
        Assert.Contains("#1通信模块批次焊点虚焊", text); // D5 names the cause it removes
    }

    [Fact]
    public async Task TheEnglishPdfHasTheEnglishHeadingsAndLabels()
    {
        var report = await RichAsync();

        var text = Text(await Save(await ExportAsync(report.Number, ExportFormat.Pdf, "en-US"), "rich-en"));

        Assert.All(EnglishHeadings, heading => Assert.Contains(heading, text));
        Assert.Contains("8Dnumber", text);
        Assert.Contains(ComplaintNo, text);
        Assert.Contains("Occurrence", text);
        Assert.Contains("Escape(notdetected)", text);
        Assert.DoesNotContain("成立小组", text);
        Assert.Contains("2026-10-2011:00", text); // one date form in both languages, as on screen
        Assert.DoesNotContain('\u202F', text);
    }

    [Fact]
    public async Task TheOpenItemsOfANearlyEmptyDraftArePrintedUnderTheirSections()
    {
        var report = await NearlyEmptyAsync();
        var open = report.Content.OpenItems.Where(o => !o.Resolved).ToList();
        Assert.NotEmpty(open);

        var zh = Text(await Save(await ExportAsync(report.Number, ExportFormat.Pdf, "zh-CN"), "empty-zh"));
        var en = Text(await Save(await ExportAsync(report.Number, ExportFormat.Pdf, "en-US"), "empty-en"));

        Assert.Contains("未完成项", zh);
        Assert.All(open, item => Assert.Contains(Compact(item.Text.Chinese), zh));
        Assert.Contains("Openitems", en);
        Assert.All(open, item => Assert.Contains(Compact(item.Text.English), en));
        Assert.Contains("未记录", zh); // empty header values are marked, not left blank
        Assert.All(ChineseHeadings, heading => Assert.Contains(heading, zh));
    }

    [Fact]
    public async Task TheSignOffNamesWhoSentTheReportToReviewAndWhoApprovedIt()
    {
        var report = await RichAsync();

        var text = Text(await ExportAsync(report.Number, ExportFormat.Pdf, "zh-CN"));

        var signOff = text[text.LastIndexOf("签核", StringComparison.Ordinal)..];
        Assert.Contains($"编制{DisplayNames[Quality.Name]}审核{DisplayNames[Manager.Name]}批准（结案）日期2026-11-28日期2026-11-28日期签字签字签字", signOff);
    }

    [Fact]
    public async Task AnUnknownNumberHasNoFile()
    {
        await NearlyEmptyAsync();

        Assert.Null(await Exporter().ExportAsync("8D-2026-9999", ExportFormat.Pdf));
    }

    private async Task<byte[]> Save(ReportFile file, string name)
    {
        Assert.Equal("application/pdf", file.ContentType);
        Assert.Matches(@"^8D-\d{4}-\d{4}\.pdf$", file.FileName);
        // To look at it: EIGHTD_PDF_OUT=/tmp/8d dotnet test … then pdftoppm -png -r 60 /tmp/8d/rich-zh.pdf page
        if (Environment.GetEnvironmentVariable("EIGHTD_PDF_OUT") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(Path.Combine(folder, name + ".pdf"), file.Content);
        }

        output.WriteLine($"{name}: {file.Content.Length / 1024} KB");
        return file.Content;
    }

    private static string Text(ReportFile file) => Text(file.Content);

    private static string Text(byte[] bytes)
    {
        using var pdf = PdfDocument.Open(bytes);
        return string.Concat(pdf.GetPages().Select(p => Compact(string.Concat(p.Letters.Select(l => l.Value)))));
    }

    private static string Compact(string text) => text.Replace(" ", "").Replace("\n", "");
}
