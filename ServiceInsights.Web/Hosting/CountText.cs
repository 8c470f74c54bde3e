using Microsoft.Extensions.Localization;

namespace ServiceInsights.Web.Hosting;

/// <summary>
/// A count with its noun: "1 complaint", "2 complaints". English needs the singular for one; Chinese has one form. A key
/// that has a singular form also has <c>key.One</c> in the resources; the other keys read the same for any count.
/// </summary>
public static class CountText
{
    public static string Count(this IStringLocalizer localizer, string key, long count)
    {
        if (count == 1 && localizer[key + ".One", count] is { ResourceNotFound: false } one)
        {
            return one.Value;
        }

        return localizer[key, count].Value;
    }
}
