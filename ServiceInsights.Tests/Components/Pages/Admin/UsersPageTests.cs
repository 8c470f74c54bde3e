using System.Globalization;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Pages.Admin;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tests.Components.Pages.Admin;

/// <summary>
/// The staff phone on the Users page: validated, stored through the verb's path, and in the settings' history; a user or a
/// phone refused (by our rules, Identity's or a failing database) is a sentence in the page's language, never exception text.
/// </summary>
public sealed class UsersPageTests : MudTestContext, IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    protected override void AddServices(IServiceCollection services)
    {
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<ServiceInsightsDbContext>(_ => _database.Factory.CreateDbContext());
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<ServiceInsightsDbContext>();
        services.AddScoped<UserAccounts>();
    }

    async Task IAsyncLifetime.InitializeAsync()
    {
        await _database.MigrateAsync();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UserAccounts>().AddAsync("wf@example.cn", AppRoles.Staff, "Strong#Pass1", "王芳");
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task AnAdminSetsAStaffPhoneAnInvalidOneIsRefusedAndTheChangeIsAudited()
    {
        SignInAs(AppRoles.Admin, "系统管理员");
        RenderPopoverProvider();
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=user-phone-edit]")));

        page.Find("[data-testid=user-phone-edit]").Click();
        page.Find("input[data-testid=user-phone-input], [data-testid=user-phone-input] input").Change("call me");
        page.Find("[data-testid=user-phone-save]").Click();
        page.WaitForAssertion(() => Assert.Contains("电话只能包含数字", page.Markup));
        await using (var db = _database.Open())
        {
            Assert.Null((await db.Users.SingleAsync()).PhoneNumber);
            Assert.Empty(await db.SettingChanges.ToListAsync());
        }

        page.Find("input[data-testid=user-phone-input], [data-testid=user-phone-input] input").Change("0531-88880000");
        page.Find("[data-testid=user-phone-save]").Click();
        page.WaitForAssertion(() => Assert.Equal("0531-88880000", page.Find("[data-testid=user-phone-value]").TextContent.Trim()));
        await using (var db = _database.Open())
        {
            Assert.Equal("0531-88880000", (await db.Users.SingleAsync()).PhoneNumber);
            var change = Assert.Single(await db.SettingChanges.ToListAsync());
            Assert.Equal(("系统管理员", "User.Phone:wf@example.cn", null, "0531-88880000"), (change.UserName, change.Setting, change.OldValue, change.NewValue));
        }
    }

    [Theory]
    [InlineData(Localization.Chinese, "初始密码不符合要求：至少 6 位，含大小写字母、数字和符号。", "已有邮箱为 wf@example.cn 的用户。")]
    [InlineData(Localization.English, "The initial password breaks the rules: at least 6 characters with upper and lower case, a digit and a symbol.",
        "A user with the e-mail wf@example.cn exists already.")]
    public async Task AUserRefusedByIdentityOrOurRulesIsASentenceInThePagesLanguage(string culture, string weakPassword, string taken)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var page = RenderUsersPage();

        Add(page, "li@example.cn", "abc");
        page.WaitForAssertion(() => Assert.Contains(weakPassword, Snackbars()));
        Add(page, "wf@example.cn", "Strong#Pass2");
        page.WaitForAssertion(() => Assert.Contains(taken, Snackbars()));

        // Identity's own English ("Passwords must be at least 6 characters.") and our message stay out of the page.
        Assert.DoesNotContain("Passwords must", Snackbars());
        Assert.DoesNotContain("already exists", Snackbars());
        await using var db = _database.Open();
        Assert.Equal(["wf@example.cn"], await db.Users.Select(u => u.Email!).ToListAsync());
    }

    [Fact]
    public async Task APhoneTheDatabaseFailsToSaveIsASentenceInChineseNotTheDatabasesError()
    {
        var page = RenderUsersPage();
        await using (var db = _database.Open())
        {
            // The settings' history gone: the phone's save, which writes it in the same SaveChanges, fails.
            await db.Database.ExecuteSqlRawAsync("DROP TABLE SettingChanges");
        }

        page.Find("[data-testid=user-phone-edit]").Click();
        page.Find("input[data-testid=user-phone-input], [data-testid=user-phone-input] input").Change("0531-88880000");
        page.Find("[data-testid=user-phone-save]").Click();

        page.WaitForAssertion(() => Assert.Contains("用户 wf@example.cn 未能保存，详情已写入日志。", page.Markup));
        Assert.DoesNotContain("SQLite", page.Markup);
        Assert.DoesNotContain("no such table", page.Markup);
        await using (var db = _database.Open())
        {
            Assert.Null((await db.Users.SingleAsync()).PhoneNumber);
        }
    }

    private IRenderedComponent<UsersPage> RenderUsersPage()
    {
        SignInAs(AppRoles.Admin, "系统管理员");
        RenderPopoverProvider();
        Render<MudSnackbarProvider>();
        var page = Render<UsersPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=user-phone-edit]")));
        return page;
    }

    private static void Add(IRenderedComponent<UsersPage> page, string email, string password)
    {
        page.Find("input[data-testid=user-add-email], [data-testid=user-add-email] input").Change(email);
        page.Find("input[data-testid=user-add-password], [data-testid=user-add-password] input").Change(password);
        page.Find("[data-testid=user-add]").Click();
    }

    private string Snackbars() => string.Concat(Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? ""));
}
