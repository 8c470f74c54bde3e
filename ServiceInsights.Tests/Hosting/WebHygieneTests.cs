using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceInsights.Data.Domain;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tests.Hosting;

/// <summary>
/// Issue #20 D9: months and as-ofs outside the working calendar's years are refused everywhere, the API answers its errors
/// as problem JSON, every response carries the security headers, and sign-out ends the cookie (copies included).
/// </summary>
public sealed partial class WebHygieneTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/api/kpi/2026-10?asOf=9999-12-31T23:59")]
    [InlineData("/api/kpi/2026-10?asOf=0001-01-01")]
    [InlineData("/api/kpi/9999-12")]
    [InlineData("/api/kpi/2031-01")]
    [InlineData("/api/kpi/2026-10?asOf=someday")]
    [InlineData("/reports/callbacks/2026-10.pdf?asOf=9999-12-31T23:59")]
    [InlineData("/reports/kpi/2099-01.xlsx")]
    [InlineData("/kpi?asOf=9999-12-31T23:59")]
    [InlineData("/kpi?month=2031-01")]
    [InlineData("/tickets?month=1999-12")]
    public async Task AMonthOrAsOfOutsideTheCalendarYearsIsABadRequestWithProblemJson(string url)
    {
        using var client = await app.Factory.SignInAsync(AppRoles.Admin);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("outside the years of the working calendar \\(2022–2027\\)|is not a", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/kpi/2022-01?asOf=2022-02-01T00:00")]
    [InlineData("/api/kpi/2027-12?asOf=2027-12-31T23:59")]
    public async Task TheYearsEitherSideOfTheCalendarAreAnswered(string url)
    {
        using var client = await app.Factory.SignInAsync(AppRoles.Admin);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TheApiAnswersSignedOutAndUnknownRequestsWithProblemJson()
    {
        using var anonymous = app.Factory.CreateAnonymousClient();
        var signedOut = await anonymous.GetAsync("/api/kpi/2026-10");
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        Assert.Equal("application/problem+json", signedOut.Content.Headers.ContentType?.MediaType);

        using var client = await app.Factory.SignInAsync(AppRoles.Admin);
        var unknown = await client.GetAsync("/api/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/account/login", false)]
    [InlineData("/kpi?month=2026-10", true)]
    [InlineData("/api/kpi/2026-10", true)]
    [InlineData("/reports/callbacks/2026-10.xlsx", true)]
    [InlineData("/api/kpi/9999-12", true)]
    [InlineData("/no-such-page", true)]
    [InlineData("/favicon.svg", false)]
    public async Task EveryResponseCarriesTheSecurityHeaders(string url, bool signedIn)
    {
        using var client = signedIn ? await app.Factory.SignInAsync(AppRoles.Admin) : app.Factory.CreateAnonymousClient();
        var response = await client.GetAsync(url);
        var headers = response.Headers;
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Single(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Single(response, "Permissions-Policy"));
        var policy = Single(response, "Content-Security-Policy");
        Assert.Matches("script-src 'self' 'nonce-[0-9a-f]{32}';", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
    }

    [Fact]
    public async Task TheImportMapCarriesTheNonceOfItsResponse()
    {
        using var client = app.Factory.CreateAnonymousClient();
        var response = await client.GetAsync("/account/login");
        var nonce = Regex.Match(Single(response, "Content-Security-Policy"), "'nonce-([^']+)'").Groups[1].Value;
        var page = await response.Content.ReadAsStringAsync();
        Assert.Matches($"<script (type=\"importmap\" nonce=\"{Regex.Escape(nonce)}\"|nonce=\"{Regex.Escape(nonce)}\" type=\"importmap\")", page);
        // Every other script is a file of the app's own origin.
        Assert.DoesNotMatch("<script(?![^>]*(src=|type=\"importmap\"))", page);
    }

    [Fact]
    public async Task SignOutNeedsTheFormsAntiforgeryToken()
    {
        var cookie = await app.Factory.SignInForCookieAsync();
        using var client = app.Factory.CreateAnonymousClient();
        using var forged = new HttpRequestMessage(HttpMethod.Post, AccountEndpoints.LogoutPath) { Content = new FormUrlEncodedContent([]) };
        forged.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(app.Factory, "/api/kpi/2026-10", cookie)).StatusCode);
    }

    [Fact]
    public async Task ACopiedCookieStopsWorkingWhenItsUserSignsOut()
    {
        // Every request checks the security stamp here; the app's default is once a minute.
        using var factory = new AppFactory { Settings = { ["Security:StampValidationSeconds"] = "0" } };
        var cookie = await factory.SignInForCookieAsync();
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(factory, "/api/kpi/2026-10", cookie)).StatusCode);

        // The user signs out through the sign-out page's form, in their own browser (which sends the same cookie).
        using var browser = factory.CreateAnonymousClient();
        using var page = new HttpRequestMessage(HttpMethod.Get, "/account/signout");
        page.Headers.Add("Cookie", cookie);
        var pageResponse = await browser.SendAsync(page);
        var token = WebUtility.HtmlDecode(AppFactory.AntiforgeryInput().Match(await pageResponse.Content.ReadAsStringAsync()).Groups[1].Value);
        var antiforgeryCookie = AppFactory.CookiesOf(pageResponse).Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        using var signOut = new HttpRequestMessage(HttpMethod.Post, AccountEndpoints.LogoutPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        signOut.Headers.Add("Cookie", $"{cookie}; {antiforgeryCookie}");
        var signedOut = await browser.SendAsync(signOut);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("signedOut=1", signedOut.Headers.Location?.OriginalString);

        // The copy kept elsewhere no longer signs anyone in.
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetWithCookieAsync(factory, "/api/kpi/2026-10", cookie)).StatusCode);
    }

    [Fact]
    public void TheSecurityStampIsCheckedAtLeastEveryMinuteByDefault() =>
        Assert.True(app.Factory.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval <= TimeSpan.FromMinutes(1));

    [Fact]
    public async Task ProductionSendsHstsAndSecureCookiesOnly()
    {
        using var factory = new AppFactory { Environment = "Production" };
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://serviceinsights.example/"), AllowAutoRedirect = false });
        var response = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", Single(response, "Strict-Transport-Security"));
        Assert.All(AppFactory.CookiesOf(response, full: true), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(AppFactory.CookiesOf(response, full: true));
        var auth = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        Assert.Equal(CookieSecurePolicy.Always, auth.Cookie.SecurePolicy);
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(AppFactory factory, string url, string cookie)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static string Single(HttpResponseMessage response, string header) =>
        Assert.Single(response.Headers.TryGetValues(header, out var values) ? values
            : response.Content.Headers.TryGetValues(header, out var content) ? content : []);
}
