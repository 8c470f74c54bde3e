using MudBlazor;

namespace ServiceInsights.Web.Components.Layout;

/// <summary>The palette: an agricultural green with a neutral grey, light and dark.</summary>
public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2e7d32",
            Secondary = "#00695c",
            AppbarBackground = "#2e7d32",
            Background = "#f6f7f5",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#81c784",
            Secondary = "#4db6ac",
            AppbarBackground = "#1b2a1c",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans SC", "Microsoft YaHei", "PingFang SC", "Roboto", "Helvetica", "Arial", "sans-serif"],
            },
            // Labels keep the case they are written in: forced capitals turned "下载 Excel" into "下载 EXCEL".
            Button = new ButtonTypography { TextTransform = "none" },
        },
    };
}
