using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Delivery;
using ServiceInsights.Web.Cli;

namespace ServiceInsights.Tests.Cli;

/// <summary>
/// <c>deliver run</c> on 2026-11-20 against a real SMTP server on localhost: <c>--to</c> applies the users' roles, an address
/// outside the users is refused, <c>--dry-run</c> sends nothing, a subscription is sent by name, and usage errors exit 2.
/// </summary>
public sealed class DeliverVerbTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly TestSmtpServer _smtp = new();

    public async Task InitializeAsync()
    {
        Assert.Equal(0, (await RunAsync("users", "add", "--email", "m@example.com", "--role", "Manager", "--password", "Manager#2026x", "--name", "李经理")).Exit);
        Assert.Equal(0, (await RunAsync("users", "add", "--email", "s@example.com", "--role", "Staff", "--password", "Staff#2026x")).Exit);
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr, builder =>
        {
            builder.Configuration["ConnectionStrings:ServiceInsights"] = _folder.SqliteConnectionString("cli.db");
            builder.Configuration.AddInMemoryCollection(_smtp.Settings);
            builder.Services.AddSingleton<TimeProvider>(FixedTimeProvider.AtLocal(2026, 11, 20));
        });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task ToAppliesTheUsersRolesAndDryRunSendsNothing()
    {
        var (exit, output, error) = await RunAsync("deliver", "run", "--month", "2026-10", "--to", "m@example.com,s@example.com", "--dry-run");

        Assert.True(exit == 0, error);
        Assert.Contains("Previewed   m@example.com", output);
        Assert.Contains("月度KPI报告-2026-10-未定版.pdf", output);
        Assert.Contains("| 李经理，您好：", output);
        Assert.Empty(_smtp.Messages);

        (exit, output, error) = await RunAsync("deliver", "run", "--month", "2026-10", "--to", "s@example.com", "--lang", "en-US");

        Assert.True(exit == 0, error + output);
        var mail = Assert.Single(_smtp.Messages);
        Assert.Equal("[ServiceInsights] Monthly reports 2026-10 (not closed)", mail.Subject);
        Assert.Equal(["callback-report-2026-10-not-closed.pdf", "callback-report-2026-10-not-closed.xlsx"],
            mail.Attachments.OfType<MimePart>().Select(a => a.FileName!).Order().ToArray());
    }

    [Fact]
    public async Task ARepeatedToSendsToEveryAddressItNamesAsACommaSeparatedOneDoes()
    {
        var (exit, output, error) = await RunAsync("deliver", "run", "--month", "2026-10", "--to", "m@example.com", "--to", "s@example.com", "--dry-run");

        Assert.True(exit == 0, error);
        Assert.Contains("Previewed   m@example.com", output);
        Assert.Contains("Previewed   s@example.com", output);

        (exit, output, error) = await RunAsync("deliver", "run", "--month", "2026-10", "--to=s@example.com", "--to", "m@example.com,s@example.com", "--lang", "en-US");

        Assert.True(exit == 0, error + output);
        Assert.Equal(["m@example.com", "s@example.com"], _smtp.Messages.SelectMany(m => m.To.Mailboxes).Select(m => m.Address).Order().ToArray());
    }

    [Fact]
    public async Task AnAddressOutsideTheUsersIsRefused()
    {
        var (exit, output, _) = await RunAsync("deliver", "run", "--month", "2026-10", "--to", "outsider@elsewhere.com");

        Assert.Equal(CommandLine.Failed, exit);
        Assert.Contains("Refused     outsider@elsewhere.com", output);
        Assert.Contains("not the e-mail address of a user", output);
        Assert.Empty(_smtp.Messages);
    }

    [Theory]
    [InlineData("option --month is required", "deliver", "run")]
    [InlineData("give --subscription or --to, not both", "deliver", "run", "--month", "2026-10", "--subscription", "A", "--to", "m@example.com")]
    [InlineData("--lang goes with --to", "deliver", "run", "--month", "2026-10", "--lang", "en-US")]
    [InlineData("'2026-13' is not a month", "deliver", "run", "--month", "2026-13")]
    [InlineData("option --month is given more than once; it takes one value", "deliver", "run", "--month", "2026-10", "--month", "2026-11")]
    [InlineData("option --subscription is given more than once", "deliver", "run", "--month", "2026-10", "--subscription", "A", "--subscription", "B")]
    [InlineData("option --lang is given more than once", "deliver", "run", "--month", "2026-10", "--to", "m@example.com", "--lang", "en-US", "--lang", "zh-CN")]
    [InlineData("option --dry-run is given more than once", "deliver", "run", "--month", "2026-10", "--dry-run", "--dry-run")]
    [InlineData("option --to needs an e-mail address", "deliver", "run", "--month", "2026-10", "--to", "m@example.com", "--to", "")]
    public async Task UsageErrorsExitTwo(string message, params string[] args)
    {
        var (exit, _, error) = await RunAsync(args);

        Assert.Equal(CommandLine.Usage, exit);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task AnUnknownSubscriptionIsAnError()
    {
        var (exit, _, error) = await RunAsync("deliver", "run", "--month", "2026-10", "--subscription", "nope");

        Assert.Equal(CommandLine.Failed, exit);
        Assert.Contains("There is no subscription named 'nope'", error);
    }
}
