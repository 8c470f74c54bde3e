using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tests.Hosting;

/// <summary>
/// The real app (Program) on its own SQLite file, in Development so the demo users exist. With
/// <see cref="StartKestrel"/> it listens on a free port for a real browser.
/// </summary>
public sealed partial class AppFactory : WebApplicationFactory<Program>
{
    private readonly TempFolder _folder = new();

    public string DatabaseFile => _folder.File("app.db");

    /// <summary>The host environment (Development unless a test sets it before the first request).</summary>
    public string Environment { get; init; } = "Development";

    /// <summary>More configuration for one test, applied over the defaults below.</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>Fill the empty database from <c>seed-data/</c> on start, as the demo does (a year of records).</summary>
    public bool SeedData { get; init; }

    /// <summary>The app's warnings and errors while it runs.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:ServiceInsights", $"Data Source={DatabaseFile}");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("DemoUsers:Enabled", "true");
        builder.UseSetting("SeedData:Enabled", SeedData ? "true" : "false"); // most tests seed only what they need
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureServices(services => services.AddSingleton<CircuitCount>().AddSingleton<CircuitHandler>(s => s.GetRequiredService<CircuitCount>()));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Writes records straight into the running app's SQLite file (a test that only browses needs no import).</summary>
    public async Task AddRecordsAsync(params object[] records)
    {
        await using var db = new SqliteContextFactory($"Data Source={DatabaseFile};Pooling=False").CreateDbContext();
        db.AddRange(records);
        await db.SaveChangesAsync();
    }

    /// <summary>Starts real Kestrel on a free loopback port and returns its base address.</summary>
    public Uri StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
    }

    public HttpClient CreateAnonymousClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the real sign-in form (antiforgery token and all) and returns a client holding the cookie.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = CreateAnonymousClient();
        var response = await PostLoginAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"Sign-in as {email} failed: {(int)response.StatusCode} {response.Headers.Location}");
        }

        return client;
    }

    public async Task<HttpClient> SignInAsync(string role)
    {
        var user = DemoUsers.All.Single(u => u.Role == role);
        return await SignInAsync(user.Email, user.Password);
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string returnUrl = "/")
    {
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryInput().Match(page).Groups[1].Value;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Email"] = email,
            ["Password"] = password,
            ["ReturnUrl"] = returnUrl,
        }));
    }

    /// <summary>Signs in as the Admin demo user through the real form and returns the auth cookie as a Cookie header value.</summary>
    public async Task<string> SignInForCookieAsync()
    {
        using var client = CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        return await SignInForCookieAsync(client, DemoUsers.All.Single(u => u.Role == AppRoles.Admin));
    }

    /// <summary>The same over any client that keeps no cookies (a second app process, for one).</summary>
    public static async Task<string> SignInForCookieAsync(HttpClient client, DemoUsers.DemoUser user)
    {
        var page = await client.GetAsync("/account/login");
        var token = WebUtility.HtmlDecode(AntiforgeryInput().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Email"] = user.Email, ["Password"] = user.Password, ["ReturnUrl"] = "/",
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", CookiesOf(page)));
        var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return CookiesOf(response).Single(c => c.StartsWith("ServiceInsights.Auth=", StringComparison.Ordinal));
    }

    /// <summary>The response's cookies as <c>name=value</c> (or whole, with their attributes).</summary>
    public static IReadOnlyList<string> CookiesOf(HttpResponseMessage response, bool full = false) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values.Select(v => full ? v : v.Split(';')[0])] : [];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _folder.Dispose();
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    internal static partial Regex AntiforgeryInput();
}
