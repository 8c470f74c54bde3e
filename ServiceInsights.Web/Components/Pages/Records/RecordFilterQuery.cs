using Microsoft.AspNetCore.Components;

namespace ServiceInsights.Web.Components.Pages.Records;

/// <summary>
/// The filters of a record list travel in the query string with the month
/// (<c>/tickets?month=2026-10&amp;staff=张丽&amp;product=TDR&amp;customer=农垦&amp;q=漂移</c>), so a filtered view is a shareable URL.
/// </summary>
public static class RecordFilterQuery
{
    public const string Staff = "staff";
    public const string Product = "product";
    public const string Customer = "customer";
    public const string Text = "q";

    /// <summary>The current URL with the given filters; blank ones are removed, the month and anything else stay.</summary>
    public static string Link(NavigationManager navigation, string? staff, string? product, string? customer, string? text) =>
        navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            [Staff] = Clean(staff),
            [Product] = Clean(product),
            [Customer] = Clean(customer),
            [Text] = Clean(text),
        });

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
