using Bunit;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Pages.EightD;

namespace ServiceInsights.Tests.Components.Pages.EightD;

/// <summary>The editor's download links: plain links to the 8D's PDF and Excel that the browser downloads.</summary>
public sealed class EightDDownloadsTests : MudTestContext
{
    [Fact]
    public void RendersAPdfAndAnExcelLinkWithTheFileNames()
    {
        var links = Render<EightDDownloads>(p => p.Add(c => c.Number, "8D-2026-0001")).FindAll("a");

        Assert.Equal(["/eightd/8D-2026-0001.pdf", "/eightd/8D-2026-0001.xlsx"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal(["8D-2026-0001.pdf", "8D-2026-0001.xlsx"], links.Select(a => a.GetAttribute("download")));
        Assert.Equal(["下载 PDF", "下载 Excel"], links.Select(a => a.TextContent.Trim()));
    }
}
