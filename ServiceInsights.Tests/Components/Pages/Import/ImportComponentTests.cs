using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using ServiceInsights.Data.Entities;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Pages.Import;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tests.Components.Pages.Import;

public class ImportComponentTests : MudTestContext
{
    [Fact]
    public void PreviewShowsTheDetectedKindTheCountsAndTheFirstErrors()
    {
        var preview = Render<ImportPreview>(p => p.Add(c => c.Result, ImportResults.TicketsWithRejections()));

        Assert.Contains("共 6 行", preview.Find("[data-testid=import-preview-summary]").TextContent);
        Assert.Equal("工单", preview.Find("[data-testid=import-kind]").TextContent.Trim());
        Assert.Equal("3", Count(preview, "new"));
        Assert.Equal("1", Count(preview, "updated"));
        Assert.Equal("0", Count(preview, "unchanged"));
        Assert.Equal("2", Count(preview, "rejected"));
        Assert.Contains("备用", preview.Find("[data-testid=import-table]").TextContent);

        var errors = preview.FindAll("[data-testid=import-error]").Select(Cells).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal(["4", "来电时间", "2026-13-45", "不是可识别的日期时间（例如 2026-03-05 14:20）"], errors[0]);
        Assert.Equal(["7", "工单号", "", "缺少关键字段"], errors[1]);
    }

    [Fact]
    public void PreviewGivesTheReasonsInEnglishWhenTheUiIsEnglish()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(Localization.English);
        var preview = Render<ImportPreview>(p => p.Add(c => c.Result, ImportResults.TicketsWithRejections()));

        Assert.Contains("Preview (nothing stored yet): 6 rows", preview.Markup);
        Assert.Equal("not a date-time (e.g. 2026-03-05 14:20)", Cells(preview.FindAll("[data-testid=import-error]")[0])[3]);
    }

    [Fact]
    public void PreviewShowsAFatalErrorInsteadOfCounts()
    {
        var preview = Render<ImportPreview>(p => p.Add(c => c.Result, ImportResults.Unreadable()));

        var fatal = preview.Find("[data-testid=import-fatal]").TextContent;
        Assert.Contains("此文件无法导入", fatal);
        Assert.Contains("choose the kind explicitly", fatal);
        Assert.Empty(preview.FindAll("[data-testid=import-counts]"));
    }

    [Fact]
    public void PreviewListsAtMostTwentyErrors()
    {
        var one = ImportResults.TicketsWithRejections();
        var many = one with
        {
            Tables = [one.Tables[0] with { Rejected = 30 }],
            Rejections = [.. Enumerable.Range(2, 30).Select(row => one.Rejections[0] with { Row = row })],
        };
        var preview = Render<ImportPreview>(p => p.Add(c => c.Result, many));

        Assert.Equal(ImportErrors.Shown, preview.FindAll("[data-testid=import-error]").Count);
        Assert.Contains("共 30 行", preview.Find("[data-testid=import-errors-title]").TextContent);
    }

    [Fact]
    public void ResultOfAPartlyRejectedImportOffersTheRejectedRows()
    {
        var result = Render<ImportResultView>(p => p
            .Add(c => c.Result, ImportResults.TicketsWithRejections(dryRun: false))
            .Add(c => c.DownloadUrl, "/import/rejected/abc.xlsx"));

        Assert.Contains("4 行已导入，2 行被拒绝", result.Find("[data-testid=import-result-status]").TextContent);
        Assert.Equal("3", Count(result, "new"));
        var download = result.Find("[data-testid=import-download-rejected]");
        Assert.Equal("/import/rejected/abc.xlsx", download.GetAttribute("href"));
        Assert.True(download.HasAttribute("download"));
        Assert.Contains("下载被拒绝的行", download.TextContent);
    }

    [Fact]
    public void ReImportingAnUnchangedFileSaysNothingChanged()
    {
        var again = ImportResults.TicketsWithRejections(dryRun: false) with { Status = ImportStatus.Committed, Rejections = [] };
        again = again with { Tables = [again.Tables[0] with { New = 0, Updated = 0, Rejected = 0, Unchanged = 208 }] };
        var result = Render<ImportResultView>(p => p.Add(c => c.Result, again));

        Assert.Equal("没有变化：这 208 行与已导入的记录完全相同，未写入任何内容。", result.Find("[data-testid=import-result-status]").TextContent.Trim());

        var changed = again with { Tables = [again.Tables[0] with { Updated = 1, Unchanged = 207 }] };
        result.Render(p => p.Add(c => c.Result, changed));
        Assert.Equal("导入完成：全部 208 行均已导入。", result.Find("[data-testid=import-result-status]").TextContent.Trim());
    }

    [Fact]
    public void ResultOfACancelledImportSaysNothingWasStored()
    {
        var cancelled = ImportResults.TicketsWithRejections(dryRun: false) with
        {
            Status = ImportStatus.Cancelled, Tables = [], Rejections = [], FatalError = "Cancelled: nothing was stored.",
        };
        var result = Render<ImportResultView>(p => p.Add(c => c.Result, cancelled));

        Assert.Equal("已取消：未保存任何数据。", result.Find("[data-testid=import-result-status]").TextContent.Trim());
        Assert.Empty(result.FindAll("[data-testid=import-counts]"));
        Assert.Empty(result.FindAll("[data-testid=import-download-rejected]"));
    }

    [Fact]
    public void DropZoneHandsThePickedFilesToThePage()
    {
        IReadOnlyList<IBrowserFile>? picked = null;
        var zone = Render<ImportDropZone>(p => p
            .Add(c => c.MaxFileSizeMB, 200)
            .Add(c => c.OnFilesPicked, (IReadOnlyList<IBrowserFile> files) => picked = files));

        zone.FindComponent<InputFile>().UploadFiles(
            InputFileContent.CreateFromText("工单号\nT-1", "tickets.csv"), InputFileContent.CreateFromText("x", "repairs.xlsx"));

        zone.WaitForAssertion(() => Assert.Equal(["tickets.csv", "repairs.xlsx"], picked?.Select(f => f.Name)));
        Assert.Contains("单个文件不超过 200 MB", zone.Markup);
    }

    [Fact]
    public void DropZoneSaysInChineseWhenTooManyFilesArePicked()
    {
        var zone = Render<ImportDropZone>(p => p.Add(c => c.MaxFileSizeMB, 200));

        zone.FindComponent<InputFile>().UploadFiles(
            [.. Enumerable.Range(1, ImportDropZone.MaxFiles + 1).Select(i => InputFileContent.CreateFromText("x", $"f{i}.csv"))]);

        zone.WaitForAssertion(() => Assert.Contains($"已选择 {ImportDropZone.MaxFiles + 1} 个文件", zone.Markup));
    }

    private static string Count<T>(IRenderedComponent<T> component, string name) where T : Microsoft.AspNetCore.Components.IComponent =>
        component.Find($"[data-testid=count-{name}] .si-import-count-value").TextContent.Trim();

    private static string[] Cells(AngleSharp.Dom.IElement row) => [.. row.QuerySelectorAll("td").Select(td => td.TextContent.Trim())];
}
