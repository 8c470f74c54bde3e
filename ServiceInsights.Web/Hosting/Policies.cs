using Microsoft.AspNetCore.Authorization;
using ServiceInsights.Data.Domain;

namespace ServiceInsights.Web.Hosting;

/// <summary>
/// The authorization policies. Every page and endpoint names one of these (or is explicitly anonymous); anything
/// that names nothing falls back to "signed in", so a forgotten attribute never opens a page to the world.
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in user with one of the four roles.</summary>
    public const string SignedIn = nameof(SignedIn);

    /// <summary>Settings, users.</summary>
    public const string Admin = nameof(Admin);

    /// <summary>Browsing the imported records (tickets, repairs, site visits, callbacks, complaints): the department's
    /// working roles. Admin looks after settings, users and imports, not the records themselves.</summary>
    public const string Records = nameof(Records);
    /// <summary>Importing the ticket system's exports and reading the import history: Admin and Staff.</summary>
    public const string Import = nameof(Import);

    /// <summary>KPIs, reports and staff scorecards: Managers and Admins.</summary>
    public const string Analytics = nameof(Analytics);

    /// <summary>The monthly callback report (CS-7): Staff download it, Managers and Admins too.</summary>
    public const string CallbackReport = nameof(CallbackReport);

    /// <summary>The callback worklist and its downloads: Staff act on their own list, Managers and Admins see everyone's.</summary>
    public const string Worklist = nameof(Worklist);

    /// <summary>The complaint summary and the repair turnaround report: quality engineers, Managers and Admins.</summary>
    public const string QualityReports = nameof(QualityReports);

    /// <summary>8D reports (CS-8a, DP-2): drafting, editing, approving and downloading — quality engineers and Managers.</summary>
    public const string EightD = nameof(EightD);

    /// <summary>Staff scorecards (DP-1): Managers and Admins see everyone, Staff only their own row.</summary>
    public const string Scorecards = nameof(Scorecards);

    /// <summary>Follow-up items (整改跟踪): Staff act on their own, Managers and quality engineers see and verify everyone's.</summary>
    public const string FollowUps = nameof(FollowUps);

    /// <summary>Closing a month (月度定版): Managers, who present the figures.</summary>
    public const string MonthClose = nameof(MonthClose);

    /// <summary>Reopening a closed month, with a reason: Admins.</summary>
    public const string MonthReopen = nameof(MonthReopen);

    public static void Configure(AuthorizationOptions options)
    {
        var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(AppRoles.All).Build();
        options.AddPolicy(SignedIn, signedIn);
        options.AddPolicy(Admin, p => p.RequireAuthenticatedUser().RequireRole(AppRoles.Admin));
        options.AddPolicy(Analytics, p => p.RequireAuthenticatedUser().RequireRole(AppRoles.Manager, AppRoles.Admin));
        options.AddPolicy(Scorecards, p => p.RequireAuthenticatedUser().RequireRole(AppRoles.Manager, AppRoles.Admin, AppRoles.Staff));
        options.AddPolicy(CallbackReport, p => p.RequireAuthenticatedUser().RequireRole(AppRoles.Staff, AppRoles.Manager, AppRoles.Admin));
        options.AddPolicy(Worklist, p => p.RequireAuthenticatedUser().RequireRole(AppRoles.Staff, AppRoles.Manager, AppRoles.Admin));
        options.AddPolicy(QualityReports, p => p.RequireAuthenticatedUser().RequireRole(AppRoles.QualityEngineer, AppRoles.Manager, AppRoles.Admin));
        options.AddPolicy(EightD, p => p.RequireAuthenticatedUser().RequireRole(AppRoles.QualityEngineer, AppRoles.Manager));
        options.AddPolicy(Records, p => p.RequireAuthenticatedUser().RequireRole(AppRoles.Staff, AppRoles.Manager, AppRoles.QualityEngineer));
        options.AddPolicy(Import, p => p.RequireAuthenticatedUser().RequireRole(AppRoles.Admin, AppRoles.Staff));
        options.AddPolicy(FollowUps, p => p.RequireAuthenticatedUser().RequireRole(AppRoles.Staff, AppRoles.Manager, AppRoles.QualityEngineer));
        options.AddPolicy(MonthClose, p => p.RequireAuthenticatedUser().RequireRole(AppRoles.Manager));
        options.AddPolicy(MonthReopen, p => p.RequireAuthenticatedUser().RequireRole(AppRoles.Admin));
        options.DefaultPolicy = signedIn;
        options.FallbackPolicy = signedIn;
    }
}
