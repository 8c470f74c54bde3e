using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using ServiceInsights.Web;

namespace ServiceInsights.Tests.Builders;

/// <summary>The app's own localizer over its resource files, as the request localization sets it up.</summary>
internal static class TestLocalizer
{
    /// <summary>Sets the UI culture and the formatting culture of the calling test (as the request localization does a request's) and returns the localizer.</summary>
    public static IStringLocalizer<SharedResource> UseCulture(string culture)
    {
        CultureInfo.CurrentCulture = new CultureInfo(culture);
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        return Current();
    }

    /// <summary>The localizer in the current cultures.</summary>
    public static IStringLocalizer<SharedResource> Current() =>
        new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider()
            .GetRequiredService<IStringLocalizer<SharedResource>>();
}
