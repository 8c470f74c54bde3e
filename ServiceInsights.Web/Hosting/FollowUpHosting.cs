using System.Security.Claims;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.KpiComments;
using ServiceInsights.Web.Components.Shared;
using ServiceInsights.Web.FollowUps;

namespace ServiceInsights.Web.Hosting;

/// <summary>The services of follow-up tracking (整改跟踪) and the comments on missed KPIs.</summary>
public static class FollowUpHosting
{
    public static IServiceCollection AddFollowUps(this IServiceCollection services)
    {
        services.AddSingleton<FollowUpService>();
        // Derives the items after an import, at start and on a timer; readers only read (decision 034).
        services.AddSingleton<FollowUpDerivationQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<FollowUpDerivationQueue>());
        services.AddSingleton<KpiCommentStore>();
        return services;
    }

    /// <summary>The signed-in user as the follow-up rules see them: Identity id, display name, roles.</summary>
    public static FollowUpActor Actor(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", UserIdentity.DisplayName(user), UserIdentity.Roles(user));
}
