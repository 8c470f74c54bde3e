using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Components;

/// <summary>
/// A column of figures is marked <c>si-num</c> (app.css: right-aligned, tabular digits). <c>text-right</c> is a class of no
/// stylesheet here (not MudBlazor 9's, not app.css's): the report tables marked with it sat on the left.
/// </summary>
public sealed class FigureColumnTests
{
    [Fact]
    public void FigureColumnsUseTheClassTheStylesheetDefines()
    {
        var web = Path.Combine(RepositoryFolder.Root, "ServiceInsights.Web");
        var css = File.ReadAllText(Path.Combine(web, "wwwroot", "app.css"));
        Assert.Contains(".si-num { text-align: right !important; font-variant-numeric: tabular-nums; }", css);

        var marked = Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("text-right", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(web, f));
        Assert.Empty(marked);
    }

    [Fact]
    public void CentredCellsUseTheClassTheStylesheetDefines()
    {
        // text-center, like text-right, is a class of no stylesheet here: the VIP table's group headers sat on the left.
        var web = Path.Combine(RepositoryFolder.Root, "ServiceInsights.Web");
        Assert.Contains(".si-center { text-align: center !important; }", File.ReadAllText(Path.Combine(web, "wwwroot", "app.css")));

        var marked = Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("text-center", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(web, f));
        Assert.Empty(marked);
    }

    [Fact]
    public void NoFigureColumnIsRightAlignedByAnInlineStyle()
    {
        var web = Path.Combine(RepositoryFolder.Root, "ServiceInsights.Web");
        var styled = Directory.EnumerateFiles(web, "*.razor", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("text-align: right", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(web, f));
        Assert.Empty(styled);
    }
}
