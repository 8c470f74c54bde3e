using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Pages.Admin;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tests.Components.Pages.Admin;

/// <summary>The staff phone on the Users page: validated, stored through the verb's path, and in the settings' history.</summary>
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
}
