using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Web.Hosting;

/// <summary>
/// Sign-in, sign-out and the language switch. They are plain form posts / redirects because an interactive circuit
/// cannot set cookies; the MudBlazor pages post to them.
/// </summary>
public static class AccountEndpoints
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string AccessDeniedPath = "/account/access-denied";
    public const string CulturePath = "/culture/set";
    public const string DownloadPath = "/account/download";

    public sealed class LoginForm
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
        public bool RememberMe { get; set; }
        public string? ReturnUrl { get; set; }
    }

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(LoginPath, SignInAsync).AllowAnonymous().DisableRequestTimeout();
        app.MapPost(LogoutPath, SignOutAsync).AllowAnonymous();
        app.MapGet(CulturePath, SetCulture).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> SignInAsync([FromForm] LoginForm form, SignInManager<AppUser> signIn, ILoggerFactory loggers)
    {
        var returnUrl = SafeLocal(form.ReturnUrl);
        var email = form.Email?.Trim() ?? "";
        if (email.Length == 0 || string.IsNullOrEmpty(form.Password))
        {
            return Results.LocalRedirect(LoginRedirect("missing", email, returnUrl));
        }

        var result = await signIn.PasswordSignInAsync(email, form.Password, form.RememberMe, lockoutOnFailure: true);
        var log = loggers.CreateLogger(typeof(AccountEndpoints));
        if (result.Succeeded)
        {
            log.LogInformation("User {Email} signed in", email);
            // A shared file link lands on a page that starts the download, so the sign-in form does not stay on screen.
            return Results.LocalRedirect(IsDownload(returnUrl) ? $"{DownloadPath}?file={Uri.EscapeDataString(returnUrl)}" : returnUrl);
        }

        log.LogWarning("Failed sign-in for {Email} (locked out: {LockedOut})", email, result.IsLockedOut);
        return Results.LocalRedirect(LoginRedirect(result.IsLockedOut ? "locked" : "invalid", email, returnUrl));
    }

    /// <summary>
    /// Signs out: only from the app's own sign-out form (antiforgery), and by changing the user's security stamp, so that
    /// a copy of the cookie stops working too (checked every <c>Security:StampValidationSeconds</c>).
    /// </summary>
    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, SignInManager<AppUser> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.Problem("Sign out from the app's sign-out page: this request did not come from its form.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return Results.LocalRedirect($"{LoginPath}?signedOut=1");
    }

    private static IResult SetCulture(HttpContext http, string? culture, string? redirectUri)
    {
        if (Localization.Supported.Contains(culture ?? ""))
        {
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false });
        }

        return Results.LocalRedirect(SafeLocal(redirectUri));
    }

    private static string LoginRedirect(string error, string email, string returnUrl) =>
        $"{LoginPath}?error={error}&email={Uri.EscapeDataString(email)}&returnUrl={Uri.EscapeDataString(returnUrl)}";

    /// <summary>True for an app-relative link to a file the app serves as a download (a report or 8D as .pdf or .xlsx).</summary>
    public static bool IsDownload(string? url)
    {
        if (string.IsNullOrEmpty(url) || SafeLocal(url) != url)
        {
            return false;
        }

        var path = url.Split('?', 2)[0];
        return path.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The page a download belongs to: <c>/reports/kpi/2026-10.pdf</c> → <c>/reports/kpi?month=2026-10</c>,
    /// <c>/eightd/8D-2026-0001.pdf</c> → <c>/eightd/8D-2026-0001</c>; the home page for any other file.
    /// </summary>
    public static string PageOfDownload(string url)
    {
        var segments = url.Split('?', 2)[0].Trim('/').Split('/');
        var name = Path.GetFileNameWithoutExtension(segments[^1]);
        return segments switch
        {
            ["reports", var kind, _] => $"/reports/{kind}?month={name}",
            ["eightd", _] => $"/eightd/{name}",
            _ => "/",
        };
    }

    /// <summary>Only app-relative URLs are followed after sign-in, so the login page cannot be used to bounce users elsewhere.</summary>
    public static string SafeLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}
