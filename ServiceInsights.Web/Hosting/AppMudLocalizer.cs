using Microsoft.Extensions.Localization;
using MudBlazor;

namespace ServiceInsights.Web.Hosting;

/// <summary>
/// MudBlazor's own texts (e.g. the file upload's "too many files" error) in Chinese: MudBlazor asks this localizer when
/// the UI is not English, and it answers from SharedResource keys <c>Mud.{MudBlazor key}</c>. A key not there falls
/// back to MudBlazor's English text.
/// </summary>
public sealed class AppMudLocalizer(IStringLocalizer<SharedResource> localizer) : MudLocalizer
{
    public const string Prefix = "Mud.";

    public override LocalizedString this[string key] => Translate(key, localizer[Prefix + key]);

    public override LocalizedString this[string key, params object[] arguments] => Translate(key, localizer[Prefix + key, arguments]);

    private static LocalizedString Translate(string key, LocalizedString found) =>
        found.ResourceNotFound ? new LocalizedString(key, key, resourceNotFound: true) : new LocalizedString(key, found.Value);
}
