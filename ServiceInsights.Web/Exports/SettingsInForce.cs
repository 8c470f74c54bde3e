using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Domain;
using ServiceInsights.Web.Components.Pages.Admin.Settings;

namespace ServiceInsights.Web.Exports;

/// <summary>
/// The settings a report was computed with, named as on the Settings page with the rules they drive
/// ("返厂维修目标（自制件）· CS-4b", "5 个工作日"): the report page's settings strip, the PDF's last page and the
/// workbook's settings sheet all list the same pairs.
/// </summary>
public static class SettingsInForce
{
    /// <param name="properties">Properties of <see cref="SlaSettings"/> to list; every numeric target when empty.</param>
    public static IReadOnlyList<KeyValuePair<string, string>> Pairs(SlaSettings settings, IStringLocalizer l, params IReadOnlyList<string> properties) =>
    [
        .. SettingsText.Targets
            .Where(t => properties.Count == 0 || properties.Contains(t.Property))
            .Select(t => new KeyValuePair<string, string>(
                $"{l[SettingsText.FieldKey(t.Property)]} · {t.Rules}",
                $"{Convert.ToString(typeof(SlaSettings).GetProperty(t.Property)!.GetValue(settings), CultureInfo.CurrentCulture)} {l[t.UnitKey]}")),
    ];

    /// <summary>The same pairs as the page's settings strip takes them.</summary>
    public static IReadOnlyList<(string Label, string Value)> Strip(SlaSettings settings, IStringLocalizer l, params IReadOnlyList<string> properties) =>
        [.. Pairs(settings, l, properties).Select(p => (p.Key, p.Value))];
}
