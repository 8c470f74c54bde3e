using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Cli;

namespace ServiceInsights.Tests.Cli;

/// <summary>
/// <c>month close|reopen|status</c> on the 20th of November: a past month closes, the current one only with the explicit
/// confirmation, a future one never; closing twice, an unknown <c>--by</c> or a reopening without a reason are one-line
/// errors; a closed month's <c>report</c> and <c>kpi</c> are the archive's.
/// </summary>
public sealed class MonthVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr, builder =>
        {
            builder.Configuration["ConnectionStrings:ServiceInsights"] = _folder.SqliteConnectionString("cli.db");
            builder.Services.AddSingleton<TimeProvider>(FixedTimeProvider.AtLocal(2026, 11, 20));
        });
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task ClosesReopensAndRefusesWithClearMessages()
    {
        var tickets = ImportFileBuilder.Csv(_folder, "t.csv", ImportFileBuilder.Utf8, ["工单号", "来电时间", "首次响应时间", "产品来源"],
            ["GD1", "2026-10-12 09:00", "2026-10-12 09:30", "自产"]);
        Assert.Equal(0, (await RunAsync("import", tickets)).Exit);
        Assert.Equal(0, (await RunAsync("users", "add", "--email", "m@example.com", "--role", "Manager", "--password", "Manager#2026x")).Exit);
        Assert.Equal(0, (await RunAsync("users", "add", "--email", "a@example.com", "--role", "Admin", "--password", "Admin#2026x")).Exit);

        await AssertFailsAsync("has not ended", "month", "close", "2026-11", "--by", "m@example.com");
        await AssertFailsAsync("has not begun", "month", "close", "2026-12", "--by", "m@example.com");
        await AssertFailsAsync("not the e-mail address of a user", "month", "close", "2026-10", "--by", "nobody@example.com");
        Assert.Equal(0, (await RunAsync("users", "add", "--email", "s@example.com", "--role", "Staff", "--password", "Staff#2026x")).Exit);
        await AssertFailsAsync("Only a Manager", "month", "close", "2026-10", "--by", "s@example.com");
        await AssertFailsAsync("option --by is required", "month", "close", "2026-10");

        var (exit, output, error) = await RunAsync("month", "close", "2026-10", "--by", "m@example.com");
        Assert.True(exit == 0, error);
        Assert.Contains("Closed 2026-10 (revision 1) as of 2026-11-20 10:00", output);
        Assert.Contains("月度KPI报告-2026-10.pdf", output);
        Assert.Contains("kpi-report-2026-10.xlsx", output);
        await AssertFailsAsync("2026-10 is already closed (on 2026-11-20 10:00 by", "month", "close", "2026-10", "--by", "m@example.com");
        Assert.Equal(0, (await RunAsync("month", "close", "2026-11", "--before-month-end", "--by", "m@example.com")).Exit);

        var json = (await RunAsync("kpi", "--month", "2026-10", "--json")).Out;
        Assert.Contains("\"closed\":true", json);
        Assert.Contains("\"asOf\":\"2026-11-20T10:00\"", json);
        var first = _folder.File("a.pdf");
        var second = _folder.File("b.pdf");
        Assert.Equal(0, (await RunAsync("report", "kpi", "--month", "2026-10", "--format", "pdf", "--out", first)).Exit);
        Assert.Equal(0, (await RunAsync("report", "kpi", "--month", "2026-10", "--format", "pdf", "--out", second)).Exit);
        Assert.Equal(await File.ReadAllBytesAsync(first), await File.ReadAllBytesAsync(second));

        await AssertFailsAsync("option --reason is required", "month", "reopen", "2026-10", "--by", "a@example.com");
        await AssertFailsAsync("Only an Admin", "month", "reopen", "2026-10", "--reason", "late", "--by", "m@example.com");
        await AssertFailsAsync("Only an Admin", "month", "reopen", "2026-10", "--reason", "late", "--by", "s@example.com");
        Assert.Equal(0, (await RunAsync("month", "reopen", "2026-10", "--reason", "回访记录迟到", "--by", "a@example.com")).Exit);
        await AssertFailsAsync("2026-10 is not closed", "month", "reopen", "2026-10", "--reason", "again", "--by", "a@example.com");
        Assert.Contains("\"closed\":false", (await RunAsync("kpi", "--month", "2026-10", "--json")).Out);

        var status = (await RunAsync("month", "status")).Out;
        Assert.Contains("2026-11 revision 1", status);
        Assert.Contains("2026-10 revision 1", status);
        Assert.Contains("回访记录迟到", status);
    }

    private async Task AssertFailsAsync(string message, params string[] args)
    {
        var (exit, output, error) = await RunAsync(args);
        Assert.NotEqual(0, exit);
        Assert.Contains(message, error);
        Assert.DoesNotContain("   at ", error);
    }

    public void Dispose() => _folder.Dispose();
}
