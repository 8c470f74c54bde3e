using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Reports;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Shared;

namespace ServiceInsights.Tests.Components.Shared;

/// <summary>The month picker in the app bar: the default month, the query string, the month to date.</summary>
public sealed class MonthPickerTests : MudTestContext, IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    protected override void AddServices(IServiceCollection services) =>
        services.AddSingleton(new DefaultMonthQuery(_database.Factory, TestClock.Shanghai));

    async Task IAsyncLifetime.InitializeAsync() => await _database.MigrateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public void MonthPickerShowsTheLastCompleteMonthWhileTheCurrentOneHasNoTickets()
    {
        var picker = Render<MonthPicker>(); // today is 2026-11-28; no ticket received in November yet

        picker.WaitForAssertion(() => Assert.Equal("2026-10", picker.Find("[data-testid=month-picker] input").GetAttribute("value")));
        Assert.False(picker.Find("button[data-testid=month-to-date]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task MonthPickerShowsTheCurrentMonthOnceItHoldsATicket()
    {
        await _database.AddAsync(new TicketBuilder().ReceivedAt("2026-11-01 00:10").Build()); // 1 November in Shanghai
        var picker = Render<MonthPicker>();

        picker.WaitForAssertion(() => Assert.Equal("2026-11", picker.Find("[data-testid=month-picker] input").GetAttribute("value")));
        Assert.True(picker.Find("button[data-testid=month-to-date]").HasAttribute("disabled"));
    }

    [Fact]
    public void ThisMonthOpensTheMonthToDateInOneClick()
    {
        Navigation.NavigateTo("/kpi?month=2026-03");
        var picker = Render<MonthPicker>();

        picker.Find("button[data-testid=month-to-date]").Click();

        Assert.EndsWith("/kpi?month=2026-11", Navigation.Uri);
        picker.WaitForAssertion(() => Assert.Equal("2026-11", picker.Find("[data-testid=month-picker] input").GetAttribute("value")));
    }

    [Fact]
    public void MonthPickerReadsTheMonthFromTheQueryString()
    {
        Navigation.NavigateTo("/reports?month=2026-03");
        var picker = Render<MonthPicker>();
        Assert.Equal("2026-03", picker.Find("[data-testid=month-picker] input").GetAttribute("value"));
    }

    [Fact]
    public void NextAndPreviousMonthWriteTheQueryStringAndKeepThePath()
    {
        Navigation.NavigateTo("/admin/users?month=2026-12&x=1");
        var picker = Render<MonthPicker>();

        picker.Find("[data-testid=month-next] button, button[data-testid=month-next]").Click();
        Assert.EndsWith("/admin/users?month=2027-01&x=1", Navigation.Uri);
        Assert.Equal("2027-01", picker.Find("[data-testid=month-picker] input").GetAttribute("value"));

        picker.Find("button[data-testid=month-previous]").Click();
        picker.Find("button[data-testid=month-previous]").Click();
        Assert.EndsWith("/admin/users?month=2026-11&x=1", Navigation.Uri);
    }

    [Fact]
    public void PickingAMonthInTheCalendarWritesTheQueryString()
    {
        var provider = RenderPopoverProvider();
        var picker = Render<MonthPicker>();

        picker.Find("[data-testid=month-picker] input").Click();
        provider.WaitForElement("button.mud-picker-month[aria-label='三月']").Click();

        Assert.EndsWith("?month=2026-03", Navigation.Uri);
    }
}
