using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.EndToEnd;

/// <summary>
/// Issue #20 D9: the deployment the README names. <c>dotnet publish</c> the web project, run the published folder in
/// Production on an empty database, and load the sign-in page with its styles and scripts: none of them may be empty (a
/// build folder run in Production served them as 0 bytes). Production cookies are Secure-only, so the app runs as it
/// would behind a TLS-ending proxy (forwarded headers on, <c>X-Forwarded-Proto: https</c>).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class PublishedAppTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task ThePublishedAppServesItsPagesWithTheirStylesInProduction()
    {
        var output = Path.Combine(_folder.Path, "publish");
        var publish = await RunAsync(new ProcessStartInfo("dotnet",
            ["publish", Path.Combine(RepositoryFolder.Root, "ServiceInsights.Web"), "-c", "Release", "-o", output, "--nologo", "-v", "q"]), TimeSpan.FromMinutes(10));
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed: {publish.Output}");

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(output, "ServiceInsights.Web.dll")])
        {
            WorkingDirectory = output, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["ConnectionStrings__ServiceInsights"] = $"Data Source={_folder.File("app.db")}",
                // Behind a proxy that ends TLS, as a Production deployment is (its cookies are Secure-only): the proxy
                // says the request came over HTTPS.
                ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            },
        };
        using var app = Process.Start(start)!;
        app.OutputDataReceived += (_, _) => { };
        app.ErrorDataReceived += (_, _) => { };
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            var page = await LoadWhenUpAsync(http, app, "/account/login");
            Assert.Contains("nosniff", string.Join(",", page.Headers.GetValues("X-Content-Type-Options")));
            var html = await page.Content.ReadAsStringAsync();
            var assets = Stylesheet().Matches(html).Concat(Script().Matches(html)).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
            Assert.Contains(assets, a => a.Contains("MudBlazor", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
            Assert.Contains(assets, a => a.Contains("app", StringComparison.Ordinal) && a.EndsWith(".css", StringComparison.Ordinal));
            Assert.Contains(assets, a => a.Contains("blazor.web", StringComparison.Ordinal));
            foreach (var asset in assets)
            {
                var response = await http.GetAsync("/" + asset.TrimStart('/'));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: HTTP {(int)response.StatusCode}");
                Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100, $"{asset} is (nearly) empty");
            }
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }
    }

    private static async Task<HttpResponseMessage> LoadWhenUpAsync(HttpClient http, Process app, string path)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(app.HasExited, "the published app exited");
            try
            {
                var response = await http.GetAsync(path);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return response;
            }
            catch (HttpRequestException) when (watch.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        (start.RedirectStandardOutput, start.RedirectStandardError, start.UseShellExecute) = (true, true, false);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await output + await errors);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex Stylesheet();

    [GeneratedRegex("<script src=\"([^\"]+)\"")]
    private static partial Regex Script();
}
