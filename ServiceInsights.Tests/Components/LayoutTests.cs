using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Layout;
using ServiceInsights.Web.Components.Shared;

namespace ServiceInsights.Tests.Components;

public sealed class LayoutTests : MudTestContext, IAsyncLifetime
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

    [Fact]
    public void ChoosingEnglishSetsTheCultureCookieThroughAFullRequestAndComesBack()
    {
        SignInAs(AppRoles.Manager);
        Navigation.NavigateTo("/?month=2026-10");
        var provider = RenderPopoverProvider();
        var menu = Render<UserMenu>();

        menu.Find("button").Click();
        provider.Find("[data-testid=lang-en]").Click();

        menu.WaitForAssertion(() => Assert.Contains("culture", Navigation.History.First().Uri));
        var last = Navigation.History.First();
        Assert.Equal("/culture/set?culture=en-US&redirectUri=%2F%3Fmonth%3D2026-10", "/" + Navigation.ToBaseRelativePath(Navigation.ToAbsoluteUri(last.Uri).ToString()));
        Assert.True(last.Options.ForceLoad);
    }

    [Fact]
    public void UserMenuShowsNameAndRoleInChinese()
    {
        SignInAs(AppRoles.QualityEngineer, "李明");
        var provider = RenderPopoverProvider();
        var menu = Render<UserMenu>();

        Assert.Contains("李明", menu.Markup);
        menu.Find("button").Click();
        Assert.Equal("品质工程师", provider.Find("[data-testid=user-role]").TextContent.Trim());
    }

    [Theory]
    [InlineData(AppRoles.Admin, true)]
    [InlineData(AppRoles.Manager, false)]
    [InlineData(AppRoles.Staff, false)]
    public void DrawerListsOnlyTheAreasTheRoleMayOpen(string role, bool seesUsers)
    {
        SignInAs(role);
        Navigation.NavigateTo("/?month=2026-10");
        var nav = Render<NavMenu>();

        Assert.Contains("首页", nav.Markup);
        Assert.Equal(seesUsers, nav.Markup.Contains("用户管理"));
        if (seesUsers)
        {
            Assert.Contains("href=\"/admin/users?month=2026-10\"", nav.Markup);
        }
    }

    [Fact]
    public void MainLayoutRendersTheShellInChinese()
    {
        SignInAs(AppRoles.Manager);
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "页面内容"))));

        Assert.Contains("ServiceInsights 服务洞察", layout.Markup);
        Assert.Contains("工程服务部", layout.Markup);
        Assert.Contains("页面内容", layout.Markup);
        Assert.Contains("王建国", layout.Markup);
        Assert.NotNull(layout.Find("[data-testid=month-picker]"));
    }

    [Fact]
    public void EveryAreaHasItsOwnIcon()
    {
        // A record page and its report (回访记录 and 回访报告…) are told apart in the drawer by their icons too.
        Assert.Equal(AppAreas.All.Count, AppAreas.All.Select(a => a.Icon).Distinct().Count());
    }
}
