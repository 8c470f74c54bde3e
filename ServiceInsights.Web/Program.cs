using ServiceInsights.Web.Cli;
using ServiceInsights.Web.Hosting;

if (CommandLine.IsCommand(args))
{
    return await CommandLine.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(CommandLine.ServerArguments(args));
builder.AddServiceInsights();

var app = builder.Build();
await app.PrepareDatabaseAsync();
app.UseServiceInsights();
await app.RunAsync();
return 0;

/// <summary>The entry point; public so that WebApplicationFactory can host the real app in tests.</summary>
public partial class Program;
