using ServiceInsights.Tools;
using ServiceInsights.Tools.SeedData;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Cli;

namespace ServiceInsights.Tests.Tools.SeedData;

public class SeedVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task SeedGenerateWritesEveryFileToTheOutFolder()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var output = _folder.File("out");

        var exit = await CommandLine.RunAsync(["seed", "generate", "--out", output], ToolVerbs.All, "tools", stdout, stderr, builder =>
            builder.Configuration["ConnectionStrings:ServiceInsights"] = _folder.SqliteConnectionString("cli.db"));

        Assert.Equal(0, exit);
        Assert.Equal("", stderr.ToString());
        Assert.Equal(SeedFiles.Default.Select(f => f.Name).Append(SeedDataWriter.ReadmeName).Order(StringComparer.Ordinal),
            Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains("tickets", stdout.ToString());
    }

    [Fact]
    public void DefaultFolderIsTheRepositorysSeedDataWhenInsideIt()
    {
        var root = RepositoryFolder.Root;

        Assert.Equal(Path.Combine(root, "seed-data"), SeedVerbs.DefaultFolder(Path.Combine(root, "ServiceInsights.Web", "Cli")));
        Assert.Equal(Path.Combine(_folder.Path, "seed-data"), SeedVerbs.DefaultFolder(_folder.Path));
    }

    [Fact]
    public void TheSeedAndBenchVerbsAreToolsNotProductVerbs()
    {
        Assert.Contains(ToolVerbs.All, v => v.Name == "seed generate");
        Assert.Contains(ToolVerbs.All, v => v.Name == "bench kpi");
        Assert.DoesNotContain(CommandLine.ProductVerbs, v => v.Name.StartsWith("seed", StringComparison.Ordinal));
        Assert.DoesNotContain(CommandLine.ProductVerbs, v => v.Name.StartsWith("bench", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
