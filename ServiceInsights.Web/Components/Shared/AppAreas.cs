using MudBlazor;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Components.Shared;

/// <summary>An area of the app: where it lives, what it is called, who may open it.</summary>
public sealed record AppArea(string Href, string TitleKey, string DescriptionKey, string Icon, string Policy);

/// <summary>
/// The areas that exist, in drawer order. The drawer and the home page list only those the user's role may open;
/// each page carries the same policy in its <c>[Authorize]</c> attribute.
/// </summary>
public static class AppAreas
{
    public static IReadOnlyList<AppArea> All { get; } =
    [
        new("import", "Area.Import", "Area.Import.Description", Icons.Material.Filled.UploadFile, Policies.Import),
        new("admin/users", "Area.Users", "Area.Users.Description", Icons.Material.Filled.ManageAccounts, Policies.Admin),
    ];
}
