using Microsoft.Extensions.Localization;
using MudBlazor;

namespace ServiceInsights.Web.Hosting;

/// <summary>
/// MudBlazor's own words (the grid's pager, "Loading…", sort and clear buttons, date-picker arrows) in the UI language.
/// MudBlazor asks only for cultures it has no words for (it ships English); the answer is
/// <c>Mud.&lt;MudBlazor key&gt;</c> from the app's resources, or MudBlazor's English when the key is not there.
/// </summary>
public sealed class MudTranslations(IStringLocalizer<SharedResource> strings) : MudLocalizer
{
    public const string Prefix = "Mud.";

    public override LocalizedString this[string key] =>
        strings[Prefix + key] is { ResourceNotFound: false } text ? new LocalizedString(key, text.Value) : new LocalizedString(key, key, resourceNotFound: true);
}
