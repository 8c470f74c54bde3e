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

    /// <summary>The supported language of the current UI culture: <see cref="Chinese"/> or <see cref="English"/>.</summary>
    public static string Current => IsChinese() ? Chinese : English;

    /// <summary>
    /// Writes in <paramref name="language"/> until disposed (culture and UI culture), then restores what was set: for work that
    /// renders in a language other than the request's (the month close's archive, a subscription's mail).
    /// </summary>
    public static IDisposable Use(string language)
    {
        var scope = new CultureScope(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(language);
        return scope;
    }

    private sealed class CultureScope(CultureInfo culture, CultureInfo uiCulture) : IDisposable
    {
        public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
    }

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
