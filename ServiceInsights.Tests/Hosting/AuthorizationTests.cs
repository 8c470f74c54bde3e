using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using ServiceInsights.Data.Domain;

namespace ServiceInsights.Tests.Hosting;

/// <summary>Every routable page and endpoint, per role: open where allowed, "access denied" (not a crash) where not.</summary>
public class AuthorizationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] Everyone = [.. AppRoles.All];

    /// <summary>The record lists: the working roles, not Admin.</summary>
    private static readonly string[] RecordReaders = [AppRoles.Staff, AppRoles.Manager, AppRoles.QualityEngineer];

    /// <summary>The access table: a page added without a row here fails <see cref="EveryRoutablePageIsInTheAccessTable"/>.</summary>
    private static readonly Dictionary<string, string[]?> PageAccess = new()
    {
        ["/"] = Everyone,
        ["/admin/users"] = [AppRoles.Admin],
        ["/admin/settings"] = [AppRoles.Admin],
        ["/admin/delivery"] = [AppRoles.Admin],
        ["/tickets"] = RecordReaders,
        ["/repairs"] = RecordReaders,
        ["/site-visits"] = RecordReaders,
        ["/callbacks"] = RecordReaders,
        // Staff see their own list only (WorklistPage); Managers and Admins everyone's.
        ["/callbacks/worklist"] = [AppRoles.Staff, AppRoles.Manager, AppRoles.Admin],
        ["/complaints"] = RecordReaders,
        // Follow-up items (整改跟踪): Staff see and act on their own (FollowUpService.ListAsync), Managers and quality engineers everyone's.
        ["/follow-ups"] = RecordReaders,
        ["/import"] = [AppRoles.Admin, AppRoles.Staff],
        ["/kpi"] = [AppRoles.Manager, AppRoles.Admin],
        // Staff see their own scorecard only (StaffScorecardsPage).
        ["/kpi/staff"] = [AppRoles.Manager, AppRoles.Admin, AppRoles.Staff],
        // The month closes (月度定版) and their history.
        ["/kpi/closes"] = [AppRoles.Manager, AppRoles.Admin],
        ["/reports/callbacks"] = [AppRoles.Staff, AppRoles.Manager, AppRoles.Admin],
        ["/reports/complaints"] = [AppRoles.QualityEngineer, AppRoles.Manager, AppRoles.Admin],
        ["/reports/repairs"] = [AppRoles.QualityEngineer, AppRoles.Manager, AppRoles.Admin],
        ["/reports/kpi"] = [AppRoles.Manager, AppRoles.Admin],
        ["/eightd"] = [AppRoles.QualityEngineer, AppRoles.Manager],
        ["/eightd/clusters"] = [AppRoles.QualityEngineer, AppRoles.Manager],
        // An unknown number: the editor's page still opens (and says so) for those who may.
        ["/eightd/{Number}"] = [AppRoles.QualityEngineer, AppRoles.Manager],
        // Where sign-in from a shared file link lands; the file's endpoint checks the role.
        ["/account/download"] = Everyone,
        // Anonymous pages (null): sign-in flow and error pages.
        ["/account/login"] = null,
        ["/account/signout"] = null,
        ["/account/access-denied"] = null,
        ["/not-found"] = null,
        ["/error"] = null,
    };

    public static TheoryData<string, string> RoleAndPage()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in AppRoles.All)
        {
            foreach (var page in PageAccess.Where(p => p.Value is not null).Select(p => p.Key))
            {
                data.Add(role, page);
            }
        }

        return data;
    }

    [Fact]
    public void EveryRoutablePageIsInTheAccessTable()
    {
        var routes = RoutablePages().SelectMany(p => p.GetCustomAttributes<RouteAttribute>()).Select(r => r.Template).Order().ToList();
        Assert.Equal(PageAccess.Keys.Order(), routes);
    }

    [Fact]
    public void EveryPageNamesAPolicyOrIsExplicitlyAnonymous()
    {
        foreach (var page in RoutablePages())
        {
            var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
            var policy = page.GetCustomAttribute<AuthorizeAttribute>()?.Policy;
            Assert.True(anonymous || !string.IsNullOrEmpty(policy), $"{page.Name} names no policy and is not [AllowAnonymous]");
        }
    }

    [Theory]
    [MemberData(nameof(RoleAndPage))]
    public async Task EachRoleOpensWhatItMayAndIsDeniedTheRest(string role, string page)
    {
        using var client = await app.Factory.SignInAsync(role);
        var response = await client.GetAsync(page);
        var allowed = PageAccess[page]!.Contains(role);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("data-testid=\"access-denied\"", html);
            Assert.Contains("<h1", html);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/access-denied", response.Headers.Location?.PathAndQueryOrOriginal());
            var denied = await client.GetAsync(response.Headers.Location);
            Assert.Equal(HttpStatusCode.OK, denied.StatusCode);
            var html = await denied.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"access-denied\"", html);
            Assert.Contains("无权访问", html.Replace("&#x65E0;&#x6743;&#x8BBF;&#x95EE;", "无权访问"));
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/admin/users")]
    [InlineData("/import")]
    [InlineData("/some/page/that/does/not/exist")]
    public async Task AnonymousVisitorIsSentToSignIn(string page)
    {
        using var client = app.Factory.CreateAnonymousClient();
        var response = await client.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.PathAndQueryOrOriginal());
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/account/access-denied")]
    [InlineData("/not-found")]
    [InlineData("/favicon.svg")]
    [InlineData("/_framework/blazor.web.js")]
    public async Task AnonymousVisitorReachesTheSignInFlowAndStaticFiles(string path)
    {
        using var client = app.Factory.CreateAnonymousClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task HealthReportsDatabaseWithoutDetails()
    {
        using var client = app.Factory.CreateAnonymousClient();
        var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignInWithWrongPasswordShowsAnErrorAndSetsNoCookie()
    {
        using var client = app.Factory.CreateAnonymousClient();
        var response = await AppFactory.PostLoginAsync(client, "manager@serviceinsights.local", "wrong");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("error=invalid", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignInDoesNotRedirectOffSite()
    {
        using var client = app.Factory.CreateAnonymousClient();
        var user = Web.Hosting.DemoUsers.All[1];
        var response = await AppFactory.PostLoginAsync(client, user.Email, user.Password, returnUrl: "//evil.example/x");
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignInWithoutAntiforgeryTokenIsRefused()
    {
        using var client = app.Factory.CreateAnonymousClient();
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "admin@serviceinsights.local",
            ["Password"] = "Admin#2026",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData(AppRoles.Manager, 200)]
    [InlineData(AppRoles.Admin, 200)]
    [InlineData(AppRoles.Staff, 403)]
    [InlineData(AppRoles.QualityEngineer, 403)]
    public async Task TheKpiApiAnswersManagersAndAdminsOnly(string role, int status)
    {
        using var client = await app.Factory.SignInAsync(role);
        var response = await client.GetAsync("/api/kpi/2026-10?asOf=2026-11-27T00:00");
        Assert.Equal(status, (int)response.StatusCode);
        if (status == 200)
        {
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(27, json.RootElement.GetProperty("metrics").GetArrayLength());
        }
    }

    [Fact]
    public async Task TheKpiApiAnswersAnonymousCallersWith401AndBadMonthsWith400()
    {
        using var anonymous = app.Factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/kpi/2026-10")).StatusCode);
        using var manager = await app.Factory.SignInAsync(AppRoles.Manager);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/api/kpi/2026-13")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/api/kpi/2026-10?asOf=soon")).StatusCode);
    }

    [Theory]
    [InlineData(AppRoles.Staff, 200)]
    [InlineData(AppRoles.Manager, 200)]
    [InlineData(AppRoles.Admin, 200)]
    [InlineData(AppRoles.QualityEngineer, 302)]
    public async Task TheWorklistWorkbookAnswersTheWorklistRolesOnly(string role, int status)
    {
        using var client = await app.Factory.SignInAsync(role);
        var response = await client.GetAsync("/callbacks/worklist.xlsx?due=all&asOf=2026-11-05T09:00");
        Assert.Equal(status, (int)response.StatusCode);
        if (status == 200)
        {
            Assert.Equal(Web.Import.ImportEndpoints.XlsxContentType, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/callbacks/worklist.xlsx?asOf=soon")).StatusCode);
        }
        else
        {
            Assert.StartsWith("/account/access-denied", response.Headers.Location?.PathAndQueryOrOriginal());
        }
    }

    private static IEnumerable<Type> RoutablePages() =>
        typeof(Program).Assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes<RouteAttribute>().Any());
}

internal static class UriExtensions
{
    public static string PathAndQueryOrOriginal(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
