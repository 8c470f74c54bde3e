using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Sms;
using ServiceInsights.Data.Worklist;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Worklist;
using ServiceInsights.Web.Components.Pages.Worklist;

namespace ServiceInsights.Tests.Components.Pages.Worklist;

/// <summary>The worklist page over a real SQLite file: Staff see their own list, the manager everyone's with the counts; filters in the URL.</summary>
public sealed class WorklistPageTests : MudTestContext, IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton(_database.Worklist());
        services.AddSingleton(new WorklistSmsQuery(new SmsTemplateStore(_database.Factory, TestClock.Shanghai), _database.Factory));
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").ReceivedAt("2026-11-01 09:00").ResolvedAt("2026-11-02 10:00").Staff("王芳").Customer("山东农科")
                .With(t => (t.Contact, t.Phone) = ("李工", "13800000001")).Product("土壤检测仪", "TR-1").Build(),
            new TicketBuilder().No("GD-2").ReceivedAt("2026-10-19 09:00").ResolvedAt("2026-10-20 10:00").Staff("李强").Build());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _database.Dispose();
    }

    private IRenderedComponent<WorklistPage> RenderPage(string role, string name, string query)
    {
        SignInAs(role, name);
        Navigation.NavigateTo(WorklistLinks.PagePath + query);
        RenderPopoverProvider();
        return Render<WorklistPage>();
    }

    [Fact]
    public void StaffSeeTheirOwnCallsWithWhoToCallAndTheDaysLeft()
    {
        var page = RenderPage(AppRoles.Staff, "王芳", "?staff=李强&due=all&asOf=2026-11-05T09:00");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=worklist-ticket]")));
        Assert.All(page.FindAll("[data-testid=worklist-ticket]"), t => Assert.Equal("GD-1", t.TextContent.Trim()));
        Assert.Contains("山东农科", page.Markup);
        Assert.Contains("13800000001", page.Markup);
        Assert.Contains("剩 4 天", page.FindAll("[data-testid=worklist-days]").Select(d => d.TextContent));
        Assert.Empty(page.FindAll("[data-testid=worklist-counts]"));
        Assert.Empty(page.FindAll("[data-testid=worklist-staff]"));
        Assert.Contains("staff=%E7%8E%8B%E8%8A%B3", page.Find("[data-testid=worklist-xlsx]").GetAttribute("href"));

        // The SMS row (CS-7a) shows the weekly text with its counts; the button copies it.
        var text = page.Find("[data-testid=worklist-sms-text]").TextContent;
        Assert.StartsWith("【工程服务部】李工您好，您的土壤检测仪（TR-1）于 2026-11-02 服务完毕", text);
        Assert.Equal($"{SmsText.Length(text)} 字 · {SmsText.Segments(text)} 条", page.Find("[data-testid=worklist-sms-count]").TextContent);
        page.Find("[data-testid=worklist-sms-copy]").Click();
        var copy = Assert.Single(JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText");
        Assert.Equal(text, copy.Arguments[0]);
        // 王芳 has no phone in her user profile: the text has a blank, and the page says so.
        Assert.Contains("{客服电话}", page.Find("[data-testid=worklist-sms-missing]").TextContent);
    }

    [Fact]
    public void TheManagerSeesEveryonesCallsTheOverdueOnesAndTheCountsPerStaffMember()
    {
        var page = RenderPage(AppRoles.Manager, "王建国", "?rule=CS-3d&due=week&asOf=2026-11-05T09:00");

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=worklist-ticket]")));
        // GD-1's call is due next Monday (not this week); GD-2's was due 10-27: overdue.
        Assert.Equal(["GD-2"], page.FindAll("[data-testid=worklist-ticket]").Select(t => t.TextContent.Trim()));
        Assert.Equal("逾期 9 天", page.Find("[data-testid=worklist-days]").TextContent);
        var counts = page.Find("[data-testid=worklist-counts]").TextContent;
        Assert.Contains("李强", counts);
        Assert.Contains("王芳", counts);
    }

    [Fact]
    public void AnEmptyListSaysSo()
    {
        var page = RenderPage(AppRoles.Staff, "赵敏", "?asOf=2026-11-05T09:00");

        page.WaitForAssertion(() => Assert.Equal("没有符合条件的待办回访。", page.Find("[data-testid=worklist-none]").TextContent));
    }
}
