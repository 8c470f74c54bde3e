using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ServiceInsights.Data.Domain;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tools.Bench;

/// <summary>The web app as a separate process on a bench database, and the HTTP client side of it: start, wait, sign in, ask,
/// and read the server's private memory. Shared by <c>bench load</c> and <c>bench month</c>.</summary>
internal static partial class BenchServer
{
    /// <summary>A loopback client for the server on <paramref name="port"/>: no redirects, cookies passed by hand.</summary>
    internal static HttpClient Client(int port, int connections = 4) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = connections })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(5),
        };

    internal static async Task<HttpStatusCode> GetAsync(HttpClient http, string url, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        try
        {
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    /// <summary>The web app (its assembly beside the tools') as the server on the bench database, with the demo users to sign
    /// in as.</summary>
    internal static Process StartServer(string database, int port) => Start(database, [], port);

    /// <summary>One of the web app's own verbs (e.g. <c>month close</c>) on the bench database, in the server's configuration;
    /// its exit code and output.</summary>
    internal static async Task<(int ExitCode, string Output)> RunVerbAsync(string database, IReadOnlyList<string> args)
    {
        using var process = Start(database, args, port: null, capture: true);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await output + await errors).Trim());
    }

    private static Process Start(string database, IReadOnlyList<string> args, int? port, bool capture = false)
    {
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(ServiceInsights.Web.Cli.CommandLine).Assembly.Location);
        if (port is null)
        {
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
        }

        // Development: the build folder serves no static assets in Production (only a published app does), and this
        // measures the API; the demo users are created in Development.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        if (port is not null)
        {
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        }

        start.Environment["ConnectionStrings__ServiceInsights"] = $"Data Source={database}";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["DemoUsers__Enabled"] = "true";
        start.Environment["SeedData__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{host} could not be started.");
        if (capture)
        {
            return process;
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitUntilUpAsync(HttpClient http, Process server)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"the web server exited with {server.ExitCode}");
            }

            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException("the web server did not start within 3 minutes");
    }

    /// <summary>Signs in as a demo user (the Admin unless named) through the sign-in form and returns the auth cookie (name=value).</summary>
    internal static async Task<string> SignInAsync(HttpClient http, DemoUsers.DemoUser? user = null)
    {
        var page = await http.GetAsync(AccountEndpoints.LoginPath);
        var token = WebUtility.HtmlDecode(AntiforgeryInput().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
        var admin = user ?? DemoUsers.All.Single(u => u.Role == AppRoles.Admin);
        using var post = new HttpRequestMessage(HttpMethod.Post, AccountEndpoints.LoginPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Email"] = admin.Email, ["Password"] = admin.Password, ["ReturnUrl"] = "/",
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", Cookies(page)));
        var response = await http.SendAsync(post);
        return Cookies(response).SingleOrDefault(c => c.StartsWith("ServiceInsights.Auth=", StringComparison.Ordinal))
               ?? throw new InvalidOperationException($"sign-in failed: HTTP {(int)response.StatusCode} {response.Headers.Location}");
    }

    internal static IEnumerable<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The server's own (anonymous) resident memory, from <c>/proc/PID/status</c>; 0 where it cannot be read.</summary>
    internal static long PrivateResident(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("RssAnon:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
