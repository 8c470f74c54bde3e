using System.Security.Claims;
using ServiceInsights.Data.Domain;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Components.Shared;

/// <summary>Reads what the UI shows about the signed-in user from the claims.</summary>
public static class UserIdentity
{
    public static string DisplayName(ClaimsPrincipal user) =>
        user.FindFirst(AppClaimsPrincipalFactory.DisplayNameClaim)?.Value is { Length: > 0 } name ? name : user.Identity?.Name ?? "";

    public static IReadOnlyList<string> Roles(ClaimsPrincipal user) => [.. AppRoles.All.Where(user.IsInRole)];
}
