using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ServiceInsights.Data.Sms;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Pages.Admin.Settings;

namespace ServiceInsights.Tests.Components.Pages.Admin.Settings;

/// <summary>The SMS template editor over a real SQLite file: a preview with length and segments; an unknown placeholder stores nothing.</summary>
public sealed class SmsTemplatesTabTests : MudTestContext, IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    protected override void AddServices(IServiceCollection services) => services.AddSingleton(new SmsTemplateStore(_database.Factory, TestClock.Shanghai));

    async Task IAsyncLifetime.InitializeAsync() => await _database.MigrateAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _database.Dispose();
    }

    private IRenderedComponent<SmsTemplatesTab> RenderTab()
    {
        Render<MudSnackbarProvider>();
        return Render<SmsTemplatesTab>(p => p.Add(c => c.UserName, "admin@serviceinsights.local"));
    }

    private static string Field(SmsTemplateKind kind) => $"[data-testid=sms-{kind}] textarea, textarea[data-testid=sms-{kind}]";

    [Fact]
    public void APreviewShowsTheTextWithItsLengthAndSegments()
    {
        var tab = RenderTab();
        tab.WaitForAssertion(() => Assert.NotEmpty(tab.FindAll(Field(SmsTemplateKind.Weekly))));

        tab.Find(Field(SmsTemplateKind.Weekly)).Input("{联系人}您好，请致电{客服} {客服电话}");

        tab.WaitForAssertion(() => Assert.Equal("示例：李工您好，请致电王芳 0531-88880000（24 字 · 1 条）", tab.Find("[data-testid=sms-preview-Weekly]").TextContent.Trim()));
    }

    [Fact]
    public async Task AnUnknownPlaceholderIsAnErrorAndNothingIsStored()
    {
        var tab = RenderTab();
        tab.WaitForAssertion(() => Assert.NotEmpty(tab.FindAll(Field(SmsTemplateKind.Monthly))));

        tab.Find(Field(SmsTemplateKind.Weekly)).Input("{联系人}您好，新的周回访短信");
        tab.Find(Field(SmsTemplateKind.Monthly)).Input("{联系人}您好，{地址}");
        tab.Find("[data-testid=sms-save]").Click();

        tab.WaitForAssertion(() => Assert.Contains("未知占位符 {地址}", Markup()));
        await using var db = _database.Open();
        Assert.Equal(0, await db.SettingValues.CountAsync());
        Assert.Equal(0, await db.SettingChanges.CountAsync());
    }

    [Fact]
    public async Task AValidTemplateIsStoredWithItsHistory()
    {
        var tab = RenderTab();
        tab.WaitForAssertion(() => Assert.NotEmpty(tab.FindAll(Field(SmsTemplateKind.Weekly))));

        tab.Find(Field(SmsTemplateKind.Weekly)).Input("{联系人}您好，新的周回访短信");
        tab.Find("[data-testid=sms-save]").Click();

        tab.WaitForAssertion(() => Assert.Contains("已保存", Markup()));
        await using var db = _database.Open();
        var change = await db.SettingChanges.SingleAsync();
        Assert.Equal(("Sms.Weekly", SmsText.Default(SmsTemplateKind.Weekly), "{联系人}您好，新的周回访短信", "admin@serviceinsights.local"),
            (change.Setting, change.OldValue, change.NewValue, change.UserName));
    }

    [Fact]
    public async Task ATemplateTheDatabaseFailsToSaveIsASentenceInChineseNotTheDatabasesError()
    {
        var tab = RenderTab();
        tab.WaitForAssertion(() => Assert.NotEmpty(tab.FindAll(Field(SmsTemplateKind.Weekly))));
        await using (var db = _database.Open())
        {
            // The settings' history gone: the template's save, which writes it with the value, fails.
            await db.Database.ExecuteSqlRawAsync("DROP TABLE SettingChanges");
        }

        tab.Find(Field(SmsTemplateKind.Weekly)).Input("{联系人}您好，新的周回访短信");
        tab.Find("[data-testid=sms-save]").Click();

        tab.WaitForAssertion(() => Assert.Contains("设置未能全部保存，详情已写入日志。", Markup()));
        Assert.DoesNotContain("SQLite", Markup());
        Assert.DoesNotContain("no such table", Markup());
        await using (var db = _database.Open())
        {
            Assert.Equal(0, await db.SettingValues.CountAsync());
        }
    }

    private string Markup() => string.Concat(Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? ""));
}
