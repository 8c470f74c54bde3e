using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Cli;

namespace ServiceInsights.Tests.Cli;

public class EightDDraftVerbTests : IDisposable
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

    [Fact]
    public async Task DraftFromAComplaintPrintsTheNewNumber()
    {
        Assert.Equal(0, (await RunAsync("migrate")).Exit);
        await using (var db = new SqliteContextFactory(_folder.SqliteConnectionString("cli.db")).CreateDbContext())
        {
            db.Add(new ComplaintBuilder().No("TS-CLI").Customer("河南站").Build());
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, (await RunAsync("users", "add", "--email", "qe.li@example.cn", "--role", "QualityEngineer", "--password", "Str0ng#Pass", "--name", "李静")).Exit);

        // The author by display name; the draft stores the login and shows the name.
        var (exit, output, error) = await RunAsync("eightd", "draft", "--complaint", "TS-CLI", "--author", "李静", "--lang", "en-US");

        Assert.Equal("", error);
        Assert.Equal(0, exit);
        Assert.Matches(@"^8D-\d{4}-0001$", output.Trim());
        await using var check = new SqliteContextFactory(_folder.SqliteConnectionString("cli.db")).CreateDbContext();
        var report = await check.EightDReports.Include(r => r.Links).SingleAsync();
        Assert.Equal((output.Trim(), "qe.li@example.cn"), (report.Number, report.Author));
        Assert.Contains(report.Links, l => l.Number == "TS-CLI");
        Assert.Contains("\"owner\":\"李静\"", report.Content);
        Assert.Contains("8D author", report.Content);
    }

    [Fact]
    public async Task DraftWithoutAnAuthorIsAnErrorAndNeverTheOsUser()
    {
        var (exit, output, error) = await RunAsync("eightd", "draft", "--complaint", "TS-CLI");

        Assert.Equal((CommandLine.Usage, ""), (exit, output));
        Assert.Equal("error: eightd draft needs --author: the e-mail or name of a user of the app (see users list)", error.Trim());
    }

    [Fact]
    public async Task DraftByAnUnknownAuthorIsAnError()
    {
        Assert.Equal(0, (await RunAsync("migrate")).Exit);
        await using (var db = new SqliteContextFactory(_folder.SqliteConnectionString("cli.db")).CreateDbContext())
        {
            db.Add(new ComplaintBuilder().No("TS-CLI").Build());
            await db.SaveChangesAsync();
        }

        var (exit, _, error) = await RunAsync("eightd", "draft", "--complaint", "TS-CLI", "--author", Environment.UserName);

        Assert.Equal(1, exit);
        Assert.StartsWith($"error: unknown user '{Environment.UserName}'", error.Trim());
    }

    [Fact]
    public async Task DraftFromAnUnknownComplaintFailsWithOneLine()
    {
        var (exit, output, error) = await RunAsync("eightd", "draft", "--complaint", "TS-NOPE", "--author", "qe.li@example.cn");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Equal("error: unknown complaint number 'TS-NOPE'", error.Trim());
    }

    [Fact]
    public async Task DraftWithoutAComplaintNumberSaysTheOptionIsRequired()
    {
        var (exit, _, error) = await RunAsync("eightd", "draft");

        Assert.Equal(CommandLine.Usage, exit);
        Assert.Contains("option --complaint is required", error);
    }

    public void Dispose() => _folder.Dispose();
}
