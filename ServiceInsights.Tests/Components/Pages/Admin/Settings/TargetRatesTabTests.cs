using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Settings;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Pages.Admin.Settings;

namespace ServiceInsights.Tests.Components.Pages.Admin.Settings;

/// <summary>The Settings tab where the department sets every rule's target rate for a year, on a real SQLite store.</summary>
public sealed class TargetRatesTabTests : MudTestContext, IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private SettingsStore? _store;

    protected override void AddServices(IServiceCollection services) =>
        services.AddSingleton(_ => _store ??= new SettingsStore(_database.Factory, TestClock.Shanghai));

    async Task IAsyncLifetime.InitializeAsync() => await _database.MigrateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _database.Dispose();
    }

    /// <summary>MudBlazor puts a field's attributes on its input or on its root, depending on the component.</summary>
    private static string Input(string testId) => $"input[data-testid={testId}], [data-testid={testId}] input";

    [Fact]
    public async Task ShowsEveryRuleAt95ThisYearAndSavesAChangeWithItsHistory()
    {
        RenderPopoverProvider();
        var tab = Render<TargetRatesTab>(p => p.Add(c => c.UserName, "admin@serviceinsights.local"));

        Assert.Equal(27, tab.FindAll("input[data-testid^=target-rate-], [data-testid^=target-rate-] input").Count);
        Assert.Equal("95", tab.Find(Input("target-rate-CS-3a")).GetAttribute("value"));
        Assert.Equal("2026", tab.Find(Input("target-rates-year")).GetAttribute("value"));

        tab.Find(Input("target-rate-CS-3a")).Change("92.5");
        tab.Find("button[data-testid=target-rates-save]").Click();

        var store = Services.GetRequiredService<SettingsStore>();
        tab.WaitForAssertion(() => Assert.Equal(92.5, store.GetTargetRatesAsync().Result.PercentOf("CS-3a", 2026)), TimeSpan.FromSeconds(10));
        Assert.Equal(95, (await store.GetTargetRatesAsync()).PercentOf("CS-3a", 2027));
        var change = Assert.Single((await store.ChangesAsync(0)).Rows);
        Assert.Equal(("TargetRate.2026.CS-3a", "95", "92.5"), (change.Setting, change.OldValue, change.NewValue));
        Assert.Equal(("Settings.History.TargetRate", (object?)"2026 CS-3a"), SettingsText.SettingName(change.Setting));
    }
}
