using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Cli;

namespace ServiceInsights.Tests.Cli;

public class CommandLineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr, builder =>
            builder.Configuration["ConnectionStrings:ServiceInsights"] = _folder.SqliteConnectionString("cli.db"));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("migrate", true)]
    [InlineData("users", true)]
    [InlineData("--help", true)]
    [InlineData("--urls=http://localhost:5000", false)]
    [InlineData("serve", false)]
    public void RecognisesVerbsButLeavesHostArgumentsToTheWebServer(string first, bool isCommand) =>
        Assert.Equal(isCommand, CommandLine.IsCommand([first]));

    [Fact]
    public async Task HelpListsEveryVerbWithItsOptions()
    {
        var (exit, output, _) = await RunAsync("--help");
        Assert.Equal(0, exit);
        Assert.Contains("migrate", output);
        Assert.Contains("users add --email E --role R --password P", output);
        Assert.Contains("users list", output);
    }

    [Fact]
    public async Task MigrateCreatesABrandNewDatabaseFile()
    {
        var (exit, output, _) = await RunAsync("migrate");
        Assert.Equal(0, exit);
        Assert.Contains("up to date", output);
        Assert.True(File.Exists(_folder.File("cli.db")));
    }

    [Fact]
    public async Task AddsAUserOnABrandNewDatabaseAndListsIt()
    {
        var added = await RunAsync("users", "add", "--email", "wang@example.cn", "--role", "manager", "--password", "Strong#Pass1", "--name", "王经理");
        Assert.Equal(0, added.Exit);
        Assert.Contains("Created wang@example.cn (manager)", added.Out);

        var listed = await RunAsync("users", "list");
        Assert.Equal(0, listed.Exit);
        Assert.Matches(@"wang@example\.cn\s+Manager\s+王经理", listed.Out);
    }

    [Theory]
    [InlineData("unknown role 'Boss'", "users", "add", "--email", "a@b.cn", "--role", "Boss", "--password", "Strong#Pass1")]
    [InlineData("option --password is required", "users", "add", "--email", "a@b.cn", "--role", "Staff")]
    [InlineData("option --email needs a value", "users", "add", "--email")]
    [InlineData("unknown option --mail", "users", "add", "--mail", "a@b.cn")]
    [InlineData("Passwords must", "users", "add", "--email", "a@b.cn", "--role", "Staff", "--password", "weak")]
    [InlineData("unknown command 'users remove'", "users", "remove")]
    public async Task FailsWithOneLineAndNonZeroExit(string reason, params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);
        Assert.NotEqual(0, exit);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error);
        Assert.Contains(reason, error, StringComparison.OrdinalIgnoreCase);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task RefusesASecondUserWithTheSameEmail()
    {
        Assert.Equal(0, (await RunAsync("users", "add", "--email", "li@example.cn", "--role", "Staff", "--password", "Strong#Pass1")).Exit);
        var again = await RunAsync("users", "add", "--email", "li@example.cn", "--role", "Admin", "--password", "Strong#Pass1");
        Assert.Equal(1, again.Exit);
        Assert.Contains("already exists", again.Err);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
