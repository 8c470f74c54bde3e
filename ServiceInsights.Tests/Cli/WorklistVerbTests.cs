using System.Text.Json;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Cli;

namespace ServiceInsights.Tests.Cli;

/// <summary>The <c>worklist</c> verb: exactly one JSON object with --json, one staff member's items with --staff.</summary>
public sealed class WorklistVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await CommandLine.RunAsync(args, stdout, stderr, builder =>
            builder.Configuration["ConnectionStrings:ServiceInsights"] = _folder.SqliteConnectionString("cli.db"));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task PrintsOneJsonObjectOfTheStaffMembersItems()
    {
        var tickets = ImportFileBuilder.Csv(_folder, "t.csv", ImportFileBuilder.Utf8, ["工单号", "来电时间", "解决时间", "客服", "产品名称"],
            ["GD1", "2026-11-01 09:00", "2026-11-02 10:00", "王芳", "土壤检测仪"],
            ["GD2", "2026-11-01 09:00", "2026-11-02 11:00", "李强", "土壤检测仪"]);
        Assert.Equal(0, (await RunAsync("import", tickets)).Exit);

        var (exit, output, error) = await RunAsync("worklist", "--staff", "王芳", "--asof", "2026-11-05T09:00", "--json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("2026-11-05T09:00", json.RootElement.GetProperty("asOf").GetString());
        var items = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([("CS-3d", "2026-11-09T10:00"), ("CS-7a", "2026-12-03T10:00")],
            items.Select(i => (i.GetProperty("rule").GetString()!, i.GetProperty("due").GetString()!)));
        Assert.All(items, i => Assert.Equal(("GD1", "王芳", false, 0),
            (i.GetProperty("ticketNo").GetString(), i.GetProperty("staff").GetString(), i.GetProperty("overdue").GetBoolean(), i.GetProperty("attempts").GetInt32())));
    }

    [Fact]
    public async Task AnUnreadableAsOfIsAOneLineError()
    {
        var (exit, _, error) = await RunAsync("worklist", "--asof", "soon");

        Assert.Equal(CommandLine.Usage, exit);
        Assert.Contains("--asof", error);
    }
}
