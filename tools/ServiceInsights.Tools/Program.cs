using ServiceInsights.Web.Cli;

namespace ServiceInsights.Tools;

/// <summary>
/// The tools run through the app's own command line and composition, with their own verbs. They never touch the app's
/// database: unless one is configured, the composition gets a scratch SQLite file in the temp folder. (A named class, not
/// top-level statements: the tests reference both this assembly and the web app's <c>Program</c>.)
/// </summary>
public static class ToolsProgram
{
    public static Task<int> Main(string[] args) =>
        CommandLine.RunAsync(args, ToolVerbs.All,
            "ServiceInsights tools (not part of the product) — dotnet run --project tools/ServiceInsights.Tools -- <verb>:",
            configure: builder =>
            {
                if (string.IsNullOrWhiteSpace(builder.Configuration["ConnectionStrings:ServiceInsights"]))
                {
                    builder.Configuration["ConnectionStrings:ServiceInsights"] =
                        $"Data Source={Path.Combine(Path.GetTempPath(), "serviceinsights-tools.db")}";
                }
            });
}
