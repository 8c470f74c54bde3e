using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace ServiceInsights.Web.Hosting;

/// <summary>zh-CN first, en-US second. The choice lives in the culture cookie; the browser's language is not consulted.</summary>
public static class Localization
{
    public const string Chinese = "zh-CN";
    public const string English = "en-US";

    public static IReadOnlyList<string> Supported { get; } = [Chinese, English];

    /// <summary>True when the UI culture (of the request or the circuit) is Chinese: for texts that come in both languages.</summary>
    public static bool IsChinese(CultureInfo? culture = null) =>
        (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName == "zh";

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
