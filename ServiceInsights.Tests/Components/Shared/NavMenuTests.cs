using Bunit;
using ServiceInsights.Data.Domain;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Shared;

namespace ServiceInsights.Tests.Components.Shared;

/// <summary>The drawer: the areas each role may open, each with its own icon.</summary>
public sealed class NavMenuTests : MudTestContext
{
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

    [Theory]
    [InlineData(AppRoles.Admin, true)]
    [InlineData(AppRoles.Staff, true)]
    [InlineData(AppRoles.Manager, false)]
    [InlineData(AppRoles.QualityEngineer, false)]
    public void TheDrawerOffersTheImportToAdminAndStaff(string role, bool seesImport)
    {
        SignInAs(role);
        var nav = Render<NavMenu>();
        Assert.Equal(seesImport, nav.Markup.Contains("数据导入"));
    }

    [Fact]
    public void EveryAreaHasItsOwnIcon()
    {
        // A record page and its report (回访记录 and 回访报告…) are told apart in the drawer by their icons too.
        Assert.Equal(AppAreas.All.Count, AppAreas.All.Select(a => a.Icon).Distinct().Count());
    }
}
