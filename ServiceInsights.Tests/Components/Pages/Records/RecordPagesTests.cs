using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Records;
using ServiceInsights.Data.Reports;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Pages.Records;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tests.Components.Pages.Records;

/// <summary>The tickets page over a real SQLite file: the grid, the filters in the URL, the detail drawer.</summary>
public sealed class RecordPagesTests : MudTestContext, IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    protected override void AddServices(IServiceCollection services)
    {
        services.AddSingleton(new TicketListQuery(_database.Factory, TestClock.Shanghai));
        services.AddSingleton(new RecordDetailQuery(_database.Factory, TestClock.Shanghai));
        services.AddSingleton(new DefaultMonthQuery(_database.Factory, TestClock.Shanghai));
        services.AddSingleton(new ComplaintListQuery(_database.Factory, TestClock.Shanghai, new Data.Settings.SettingsStore(_database.Factory, TestClock.Shanghai)));
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await _database.MigrateAsync();
        await _database.AddAsync(
            new TicketBuilder().No("GD-1").ReceivedAt("2026-10-31 23:30").Customer("黑龙江农垦").Product("土壤水分仪", "TDR-300")
                .ServiceType(ServiceType.ReturnRepair).Staff("张丽").Problem("探头读数漂移").Build(),
            new TicketBuilder().No("GD-2").ReceivedAt("2026-10-12 09:00").Customer("山东寿光合作社").Staff("王芳").Build(),
            new TicketBuilder().No("GD-3").ReceivedAt("2026-11-01 00:10").Customer("黑龙江农垦").Build(),
            new CallbackBuilder().No("HF-1").Ticket("GD-1").Method(CallbackMethod.Phone).Satisfaction(4).Build(),
            new RepairBuilder().No("WX-1").Ticket("GD-1").FaultCause("探头损坏").Build());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _database.Dispose();
    }

    private IRenderedComponent<TicketsPage> RenderTickets(string query)
    {
        Navigation.NavigateTo("/tickets" + query);
        RenderPopoverProvider();
        return Render<TicketsPage>();
    }

    [Fact]
    public void ListsTheMonthsTicketsInChineseWithTheFiltersFromTheUrl()
    {
        var page = RenderTickets("?month=2026-10");

        page.WaitForAssertion(() => Assert.Contains("GD-2", page.Markup));
        Assert.Contains("GD-1", page.Markup);
        Assert.DoesNotContain("GD-3", page.Markup); // 1 November in Shanghai
        Assert.Contains("工单号", page.Markup);
        Assert.Contains("客户单位", page.Markup);
        Assert.Contains("返厂维修", page.Markup); // the enum in Chinese
        Assert.Contains("2026-10-31 23:30", page.Markup); // local time, zh-CN format
        Assert.Contains("每页行数", page.Markup); // MudBlazor's pager through the app's resources
        Assert.Contains("2026-10 · 按“来电时间”归入月份", page.Find("[data-testid=records-month]").TextContent);

        Navigation.NavigateTo("/tickets?month=2026-10&customer=寿光");
        page.WaitForAssertion(() => Assert.DoesNotContain("GD-1", page.Markup));
        Assert.Contains("GD-2", page.Markup);
        Assert.Equal("寿光", page.Find("[data-testid=filter-customer] input, input[data-testid=filter-customer]").GetAttribute("value"));
    }

    [Fact]
    public void TypingAFilterWritesItIntoTheUrl()
    {
        var page = RenderTickets("?month=2026-10");
        page.WaitForAssertion(() => Assert.Contains("GD-2", page.Markup));

        page.Find("[data-testid=filter-staff] input, input[data-testid=filter-staff]").Input("张丽");

        page.WaitForAssertion(() => Assert.EndsWith("/tickets?month=2026-10&staff=%E5%BC%A0%E4%B8%BD", Navigation.Uri), TimeSpan.FromSeconds(5));
        page.WaitForAssertion(() => Assert.DoesNotContain("GD-2", page.Markup));
        Assert.Contains("GD-1", page.Markup);
    }

    [Fact]
    public void ClickingARowOpensItsDetailAndALinkedCallbackOpensInTurn()
    {
        var page = RenderTickets("?month=2026-10&staff=张丽");
        page.WaitForAssertion(() => Assert.Contains("GD-1", page.Markup));

        page.FindAll("tr.si-record-row").Single(r => r.TextContent.Contains("GD-1")).Click();

        page.WaitForAssertion(() => Assert.Equal("GD-1", page.Find("[data-testid=detail-key]").TextContent));
        var fields = page.Find("[data-testid=detail-fields]");
        Assert.Equal("探头读数漂移", fields.QuerySelector("[data-field=Problem]")!.TextContent);
        Assert.Equal("—", fields.QuerySelector("[data-field=ResolvedAt]")!.TextContent);
        Assert.Contains("问题描述", fields.TextContent);
        var callback = page.FindAll("[data-testid=linked-record]").Single(r => r.GetAttribute("data-key") == "HF-1");
        Assert.Contains("满意度：4 · 满意", callback.TextContent);
        Assert.Contains("故障原因：探头损坏", page.Find("[data-testid=linked-record][data-key=WX-1]").TextContent);

        callback.QuerySelector("[data-testid=linked-open]")!.Click();
        page.WaitForAssertion(() => Assert.Equal("HF-1", page.Find("[data-testid=detail-key]").TextContent));
        Assert.Equal("电话", page.Find("[data-testid=detail-fields] [data-field=Method]").TextContent);

        page.Find("button[data-testid=detail-back]").Click();
        page.WaitForAssertion(() => Assert.Equal("GD-1", page.Find("[data-testid=detail-key]").TextContent));
    }

    [Fact]
    public void DetailReadsInEnglishWithTheImportFormatsAliases()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(Localization.English);
        var link = LinkedRecord.NotImported(new RecordRef(RecordKind.Tickets, "GD-404"));
        var fields = new List<FieldValue>
        {
            new(RecordSchemas.Callbacks.Field(nameof(Callback.At)), new DateTime(2026, 10, 31, 23, 30, 0)),
            new(RecordSchemas.Callbacks.Field(nameof(Callback.Method)), CallbackMethod.SmsWeekly),
            new(RecordSchemas.Callbacks.Field(nameof(Callback.Reached)), false),
            new(RecordSchemas.Callbacks.Field(nameof(Callback.Satisfaction)), 2),
        };

        var list = Render<RecordFieldList>(p => p.Add(c => c.Fields, fields));
        var links = Render<LinkedRecordList>(p => p.Add(c => c.Groups, [new LinkGroup(RecordKind.Tickets, [link])]));

        Assert.Equal(["At", "Method", "Reached", "Satisfaction"], list.FindAll("dt").Select(d => d.TextContent));
        var time = list.FindAll("dd")[0].TextContent;
        Assert.Equal("2026-10-31 23:30", time.Replace('\u202F', ' ')); // ICU puts a narrow space before PM
        Assert.Equal(["SMS (weekly)", "No", "2 · Unsatisfied"], list.FindAll("dd").Skip(1).Select(d => d.TextContent));
        Assert.Contains("Tickets", links.Markup);
        Assert.Equal("Not imported yet", links.Find("[data-testid=linked-not-imported]").TextContent.Trim());
        Assert.Empty(links.FindAll("[data-testid=linked-open]")); // nothing to open
    }

    [Fact]
    public async Task TheComplaintListAndDetailShowTheComplaintClass()
    {
        await _database.AddAsync(
            new ComplaintBuilder().No("TS-1").ReceivedAt("2026-10-03 10:00").Customer("山东寿光合作社").Build(),
            new ComplaintBuilder().No("TS-2").ReceivedAt("2026-10-20 10:00").Customer("山东寿光合作社").Build(), // the same customer again: a repeat
            new ComplaintBuilder().No("TS-3").ReceivedAt("2026-10-21 10:00").Customer("黑龙江农垦").With(c => c.Media = true).Build());
        Navigation.NavigateTo("/complaints?month=2026-10");
        RenderPopoverProvider();
        var page = Render<ComplaintsPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=complaint-class]").Count));
        string ClassOf(string no) => page.FindAll("tr.si-record-row").Single(r => r.TextContent.Contains(no)).QuerySelector("[data-testid=complaint-class]")!.TextContent.Trim();
        Assert.Equal("一类投诉", ClassOf("TS-1"));
        Assert.Equal("二类投诉", ClassOf("TS-2"));
        Assert.Equal("三类投诉", ClassOf("TS-3"));

        page.FindAll("tr.si-record-row").Single(r => r.TextContent.Contains("TS-3")).Click();
        page.WaitForAssertion(() => Assert.Contains("三类投诉", page.Find("[data-testid=detail-complaint-class]").TextContent));
    }
}
