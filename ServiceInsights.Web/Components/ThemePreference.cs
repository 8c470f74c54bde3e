namespace ServiceInsights.Web.Components;

/// <summary>Light or dark, remembered in a cookie written by <c>wwwroot/js/app.js</c>.</summary>
public static class ThemePreference
{
    public const string CookieName = "si-theme";
    public const string Dark = "dark";
    public const string Light = "light";
}
