using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Cli;

namespace ServiceInsights.Tests.EightD;

public class EightDVerbTests : IDisposable
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
        await using (var db = new SqliteServiceInsightsDbContext(new DbContextOptionsBuilder<SqliteServiceInsightsDbContext>()
                         .UseSqlite(_folder.SqliteConnectionString("cli.db")).Options))
        {
            db.Add(new ComplaintBuilder().No("TS-CLI").Customer("河南站").Build());
            await db.SaveChangesAsync();
        }

        var (exit, output, error) = await RunAsync("eightd", "draft", "--complaint", "TS-CLI", "--author", "qe.li");

        Assert.Equal("", error);
        Assert.Equal(0, exit);
        Assert.Matches(@"^8D-\d{4}-0001$", output.Trim());
        await using var check = new SqliteServiceInsightsDbContext(new DbContextOptionsBuilder<SqliteServiceInsightsDbContext>()
            .UseSqlite(_folder.SqliteConnectionString("cli.db")).Options);
        var report = await check.EightDReports.Include(r => r.Links).SingleAsync();
        Assert.Equal((output.Trim(), "qe.li"), (report.Number, report.Author));
        Assert.Contains(report.Links, l => l.Number == "TS-CLI");
    }

    [Fact]
    public async Task DraftFromAnUnknownComplaintFailsWithOneLine()
    {
        var (exit, output, error) = await RunAsync("eightd", "draft", "--complaint", "TS-NOPE");

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
