using Bunit;
using ServiceInsights.Data.Domain;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web.Components.Shared;

namespace ServiceInsights.Tests.Components.Shared;

/// <summary>The user menu in the app bar: who is signed in, and the language switch.</summary>
public sealed class UserMenuTests : MudTestContext
{
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
}
