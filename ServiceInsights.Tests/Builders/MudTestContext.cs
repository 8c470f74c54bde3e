using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using ServiceInsights.Data.Domain;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tests.Builders;

/// <summary>
/// bUnit with MudBlazor: loose JS interop, Mud services, the app's localization and policies, a fixed clock
/// (2026-11-28 in Shanghai) and zh-CN as the UI culture. MudBlazor's services are only IAsyncDisposable, so the
/// context is disposed asynchronously (xunit 2 would call only Dispose()).
/// </summary>
public abstract class MudTestContext : BunitContext, IAsyncLifetime
{
    /// <summary>
    /// bUnit's "wait for" default is 1 s; a page that queries a real SQLite file can take longer on a loaded 2-core machine
    /// (a component test failed so while builds ran beside it). A wait that passes returns at once, so only a failing
    /// test takes the longer timeout.
    /// </summary>
    static MudTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(15);

    protected MudTestContext()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(Localization.Chinese);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddTransient<MudLocalizer, AppMudLocalizer>(); // as the app: MudBlazor's own texts in Chinese
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddSingleton(new DepartmentClock(DepartmentClock.FindTimeZone(null), FixedTimeProvider.AtLocal(2026, 11, 28)));
        AddServices(Services);
        _auth = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", true));
    }

    private readonly BunitAuthorizationContext _auth;

    /// <summary>Registers what a test's components need (queries, …). Called from the constructor, before the first
    /// service is resolved; a test's field initialisers have run by then.</summary>
    protected virtual void AddServices(IServiceCollection services)
    {
    }

    /// <summary>Signs in a user with one role, so AuthorizeView and policies behave as in the app.</summary>
    /// <param name="userId">The Identity id (the NameIdentifier claim) where a page matches the user to stored rows.</param>
    protected void SignInAs(string role, string displayName = "王建国", string? userId = null)
    {
        var auth = _auth;
        auth.SetAuthorized("manager@serviceinsights.local");
        auth.SetRoles(role);
        auth.SetClaims([new Claim(AppClaimsPrincipalFactory.DisplayNameClaim, displayName), .. userId is null ? Array.Empty<Claim>() : [new Claim(ClaimTypes.NameIdentifier, userId)]]);
        auth.SetPolicies([.. PoliciesGrantedTo(role)]);
    }

    /// <summary>bUnit grants policies by name; which ones a role gets is decided by the app's real policy definitions.</summary>
    private static IEnumerable<string> PoliciesGrantedTo(string role)
    {
        using var services = new ServiceCollection().AddLogging().AddAuthorizationCore(Policies.Configure).BuildServiceProvider();
        var authorization = services.GetRequiredService<IAuthorizationService>();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x"), new Claim(ClaimTypes.Role, role)], "test"));
        foreach (var policy in typeof(Policies).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!))
        {
            if (authorization.AuthorizeAsync(user, policy).GetAwaiter().GetResult().Succeeded)
            {
                yield return policy;
            }
        }
    }

    /// <summary>Renders the popover host so menus and pickers can open.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderPopoverProvider() => Render<MudPopoverProvider>();

    protected BunitNavigationManager Navigation => Services.GetRequiredService<BunitNavigationManager>();

    public Task InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();
}
