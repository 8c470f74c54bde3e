using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Layout;

namespace ServiceInsights.Tests.Components.Layout;

/// <summary>The app's shell: the product and department names, the signed-in user, the month picker and the page.</summary>
public sealed class MainLayoutTests : MudTestContext, IAsyncLifetime
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
    public void RendersTheShellInChinese()
    {
        SignInAs(AppRoles.Manager);
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "页面内容"))));

        Assert.Contains("ServiceInsights 服务洞察", layout.Markup);
        Assert.Contains("工程服务部", layout.Markup);
        Assert.Contains("页面内容", layout.Markup);
        Assert.Contains("王建国", layout.Markup);
        Assert.NotNull(layout.Find("[data-testid=month-picker]"));
    }
}
