using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace ServiceInsights.Web.Hosting;

/// <summary>zh-CN first, en-US second. The choice lives in the culture cookie; the browser's language is not consulted.</summary>
public static class Localization
{
    public const string Chinese = "zh-CN";
    public const string English = "en-US";

    public static IReadOnlyList<string> Supported { get; } = [Chinese, English];

    public static RequestLocalizationOptions Options(string? defaultCulture)
    {
        var fallback = Supported.Contains(defaultCulture ?? "") ? defaultCulture! : Chinese;
        var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
        return new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(fallback),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            RequestCultureProviders = [new CookieRequestCultureProvider()],
        };
    }
}
