using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Reports.Callbacks;
using ServiceInsights.Data.Reports.Complaints;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Reports.Repairs;
using ServiceInsights.Data.Records;
using ServiceInsights.Data.Reports;
using ServiceInsights.Data.Settings;
using ServiceInsights.Web.Components;
using ServiceInsights.Web.Delivery;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.EightD;
using ServiceInsights.Web.Reports.Callbacks;
using ServiceInsights.Web.Reports.Complaints;
using ServiceInsights.Web.Reports.Kpi;
using ServiceInsights.Web.Reports.Repairs;
using ServiceInsights.Web.Import;
using ServiceInsights.Web.MonthClose;
using ServiceInsights.Web.Summaries;
using ServiceInsights.Data.Summaries;
using ServiceInsights.Data.Users;

namespace ServiceInsights.Web.Hosting;

/// <summary>The composition of the app, shared by the web server and the command-line verbs.</summary>
public static class ServiceInsightsHost
{
    public static WebApplicationBuilder AddServiceInsights(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddServiceInsightsDatabase(sp =>
        {
            var config = sp.GetRequiredService<IConfiguration>();
            return DatabaseSettings.Resolve(config["Database:Provider"], config.GetConnectionString("ServiceInsights"),
                sp.GetRequiredService<IWebHostEnvironment>().ContentRootPath);
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new DepartmentClock(
            DepartmentClock.FindTimeZone(sp.GetRequiredService<IConfiguration>()["Department:TimeZone"]),
            sp.GetRequiredService<TimeProvider>()));

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = configuration.GetValue("Security:MaxFailedAccessAttempts", 5);
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Security:LockoutMinutes", 15));
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ServiceInsightsDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        // A signed-in cookie is checked against the user's security stamp this often; sign-out changes the stamp, so a
        // copy of the cookie kept elsewhere stops working within this time. Each check reads the user from the database.
        services.Configure<SecurityStampValidatorOptions>(o =>
            o.ValidationInterval = TimeSpan.FromSeconds(configuration.GetValue("Security:StampValidationSeconds", 60)));
        // The keys that protect the sign-in cookie and the antiforgery tokens live in the database, under one application
        // name: every app instance on the database reads the cookies and tokens the others issued.
        services.AddDataProtection().SetApplicationName("ServiceInsights").PersistKeysToDbContext<ServiceInsightsDbContext>();
        var production = builder.Environment.IsProduction();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.SecurePolicy = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.LoginPath = AccountEndpoints.LoginPath;
            o.LogoutPath = AccountEndpoints.LogoutPath;
            o.AccessDeniedPath = AccountEndpoints.AccessDeniedPath;
            o.Cookie.Name = "ServiceInsights.Auth";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            // The JSON API answers with status codes, not with redirects to the sign-in or access-denied page.
            o.Events.OnRedirectToLogin = context => ApiStatusOrRedirect(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiStatusOrRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorization(Policies.Configure);
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = production ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
        // The JSON API answers its errors (400, 401, 403, 404, 500) as application/problem+json.
        services.AddProblemDetails();
        services.AddScoped<UserAccounts>();
        services.AddSingleton<AppUserQuery>();
        services.AddSingleton<ImportService>();
        services.AddSingleton<ImportHistoryQuery>();
        services.AddSingleton<ImportGate>();
        services.AddSingleton<ImportLease>();
        // Undoes a killed import's committed slices while the app runs, not only at the next start (decision 036).
        services.AddHostedService<ImportRecovery>();
        services.AddSingleton<RejectedRowsStore>();
        services.AddScoped<ImportSession>();
        services.AddOptions<ImportSettings>().Bind(configuration.GetSection(ImportSettings.Section))
            .Validate(s => s.Problem() is null,
                $"{ImportSettings.Section}: every limit must be positive, MaxKeyLength at most 64, MaxShortTextLength at most 200, MaxLongTextLength between MaxShortTextLength and 1,000,000.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ImportSettings>>().Value.ToLimits());
        services.Configure<DemoUserOptions>(configuration.GetSection("DemoUsers"));
        services.Configure<SeedDataOptions>(configuration.GetSection("SeedData"));

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorComponents().AddInteractiveServerComponents()
            // Uploads stream over the circuit in chunks of (this size − 512 bytes), capped by Blazor at 50 KB: the default
            // 32 KB would make a 200 MB file take ~6,500 round trips; 64 KB gets the largest chunk (~4,200).
            .AddHubOptions(o => o.MaximumReceiveMessageSize = 64 * 1024);
        services.AddMudServices();
        services.AddTransient<MudLocalizer, AppMudLocalizer>();
        services.AddScoped<TicketListQuery>();
        services.AddScoped<RepairListQuery>();
        services.AddScoped<SiteVisitListQuery>();
        services.AddScoped<CallbackListQuery>();
        services.AddScoped<ComplaintListQuery>();
        services.AddScoped<RecordDetailQuery>();
        // One store app-wide: its in-memory cache is what the metric engine reads the calendar from.
        services.AddSingleton<DataVersion>();
        services.AddSingleton<SettingsStore>();
        services.AddSingleton<MetricQuery>();
        services.AddSingleton<DefaultMonthQuery>();
        services.AddSingleton(sp => new KpiService(sp.GetRequiredService<MetricQuery>(), sp.GetRequiredService<SettingsStore>(),
            sp.GetRequiredService<DepartmentClock>(), configuration.GetValue("Kpi:MaxConcurrentRuns", KpiService.DefaultMaxConcurrentRuns)));
        services.AddSingleton<StaffSatisfactionQuery>();
        services.AddSingleton<CallbackReportQuery>();
        services.AddSingleton<ComplaintSummaryQuery>();
        services.AddSingleton<FaultClusterQuery>();
        services.AddSingleton<EightDService>();
        services.AddSingleton<MonthlyKpiReportQuery>();
        services.AddSingleton<RepairTurnaroundQuery>();
        services.AddSingleton<EightDLinkedRecordsQuery>();
        services.AddSingleton<EightDExport>();
        services.AddWorklist();
        services.AddFollowUps();
        // The monthly reports, in the order the month close archives them.
        services.AddReport<CallbackReportDefinition>();
        services.AddReport<ComplaintSummaryDefinition>();
        services.AddReport<RepairTurnaroundDefinition>();
        services.AddReport<MonthlyKpiReportDefinition>();
        services.AddMemoryCache();
        // The KPI cache has a memory cache of its own with a size limit (KpiCache.SizeOf): many distinct as-of values evict
        // old reports instead of growing the process.
        services.AddSingleton(sp => new KpiCache(sp.GetRequiredService<KpiService>(),
            new MemoryCache(new MemoryCacheOptions { SizeLimit = configuration.GetValue("Kpi:CacheSize", KpiCache.DefaultSizeLimit), CompactionPercentage = 0.25 }),
            sp.GetRequiredService<DepartmentClock>(), sp.GetRequiredService<DataVersion>()));
        services.AddSingleton<MonthArchive>();
        services.AddSingleton<MonthCloser>();
        services.AddSingleton<MonthSummaryStore>();
        services.AddSingleton<MonthSummaryQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<MonthSummaryQueue>());
        services.AddSingleton<MonthSummaries>();
        services.AddHttpContextAccessor();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.AddDelivery();
        return builder;
    }

    /// <summary>
    /// Applies pending migrations; in Development also creates the demo users and loads the seed data into an empty
    /// database. Deletes the import copies a stopped app left behind.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<ServiceInsightsDbContext>>();
        await factory.MigrateAsync(app.Services.GetRequiredService<DatabaseSettings>());
        await DemoUsers.SeedAsync(app.Services, app.Logger);
        await SeedDataLoader.LoadAsync(app.Services, app.Services.GetRequiredService<IOptions<SeedDataOptions>>().Value,
            app.Environment.ContentRootPath, app.Logger);
        if (ImportSession.DeleteStaleCopies(app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime) is > 0 and var stale)
        {
            app.Logger.LogInformation("Deleted {Count} stale import copies from {Folder}", stale, ImportSession.TempFolder);
        }
    }

    public static WebApplication UseServiceInsights(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(http => !IsApi(http), pages =>
        {
            if (!app.Environment.IsDevelopment())
            {
                pages.UseExceptionHandler("/error", createScopeForErrors: true);
            }

            pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseReportPeriodCheck();
        app.UseRequestLocalization(Localization.Options(app.Configuration["Localization:DefaultCulture"]));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapKpiEndpoints();
        app.MapReportEndpoints();
        app.MapWorklistEndpoints();
        app.MapEightDEndpoints();
        app.MapImportEndpoints();
        var components = app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        // The circuit's own endpoints (/_blazor/…) carry no page: the sign-in page needs them before anyone is signed in.
        // Pages keep their own [Authorize]/[AllowAnonymous]; the fallback policy still covers everything else.
        ((IEndpointConventionBuilder)components).Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } pattern } && pattern.TrimStart('/').StartsWith("_blazor", StringComparison.Ordinal))
            {
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            }
        });
        return app;
    }

    private static bool IsApi(HttpContext http) => http.Request.Path.StartsWithSegments("/api");

    private static Task ApiStatusOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.HttpContext))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    private sealed class DatabaseHealthCheck(IDbContextFactory<ServiceInsightsDbContext> factory) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await factory.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy();
    }
}
