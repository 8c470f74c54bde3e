using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.Domain;

namespace ServiceInsights.Tests.Builders;

/// <summary>The people the follow-up, KPI-comment and export tests act as: two staff members, a manager, a quality engineer.</summary>
internal static class TestActors
{
    public static readonly FollowUpActor Wang = new("u-wang", "王芳", [AppRoles.Staff]);
    public static readonly FollowUpActor Li = new("u-li", "李强", [AppRoles.Staff]);
    public static readonly FollowUpActor Manager = new("u-mgr", "王建国", [AppRoles.Manager]);
    public static readonly FollowUpActor Quality = new("u-qe", "赵敏", [AppRoles.QualityEngineer]);
}
