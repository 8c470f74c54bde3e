using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Domain;
using ServiceInsights.Web;
using ServiceInsights.Data.Entities;
using ServiceInsights.Web.Components.Shared;
using ServiceInsights.Web.Import;
using ServiceInsights.Web.Components.Pages.Admin.Settings;
using ServiceInsights.Web.Components.Pages.Kpi;
using ServiceInsights.Web.Components.Pages.Reports;
using ServiceInsights.Data.Domain.Metrics;

namespace ServiceInsights.Tests.Components;

/// <summary>Every UI string key used in the Web project exists in Chinese and in English.</summary>
public partial class LocalizationTests
{
    private static readonly string WebProject = Path.Combine(RepositoryRoot(), "ServiceInsights.Web");

    [Fact]
    public void ChineseAndEnglishResourcesHaveTheSameKeysAndNoEmptyValues()
    {
        var zh = ReadResx("SharedResource.resx");
        var en = ReadResx("SharedResource.en.resx");
        Assert.Equal(zh.Keys.Order(), en.Keys.Order());
        Assert.All(zh.Concat(en), pair => Assert.False(string.IsNullOrWhiteSpace(pair.Value), $"{pair.Key} is empty"));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public void EveryKeyTheUiUsesResolves(string culture)
    {
        var keys = Directory.EnumerateFiles(WebProject, "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Concat(AppRoles.All.Select(r => "Role." + r))
            .Concat(AppAreas.All.SelectMany(a => new[] { a.TitleKey, a.DescriptionKey }))
            .Concat(Enumerable.Range(1, 5).Select(score => $"Records.Satisfaction.{score}"))
            // Keys the KPI pages build from rule IDs, groups and verdicts.
            .Concat(KpiText.Keys)
            .Concat(Enum.GetNames<MetricGroup>().Select(g => "Kpi.Group." + g))
            .Concat(new[] { Verdict.Missed, Verdict.Pending }.Select(v => "Kpi.Verdict." + v))
            // Keys the Import page builds from enum names.
            .Concat(Enum.GetNames<ImportStage>().Select(s => "Import.Stage." + s))
            .Concat(Enum.GetNames<ImportStatus>().Select(s => "Import.Status." + s))
            // Keys the Settings page builds from SlaSettings properties, units and day kinds.
            .Concat(typeof(SlaSettings).GetProperties().Where(p => p.CanWrite).Select(p => SettingsText.FieldKey(p.Name)))
            .Concat(SettingsText.Targets.Select(t => t.UnitKey))
            .Concat(Enum.GetValues<CalendarDayKind>().Select(k => SettingsText.DayKindKey(k)).Append(SettingsText.DayKindKey(null)))
            // Keys the report pages build from methods, sources, classes and verdicts.
            .Concat(ReportPageText.Keys)
            // Keys the 8D pages build from the 8D model's enums.
            .Concat(ServiceInsights.Web.Components.Pages.EightD.EightDText.Keys)
            .Concat(Enumerable.Range(1, 3).SelectMany(level => new[] { $"ComplaintSummary.Class{level}", $"ComplaintSummary.Class{level}.Hint" }))
            .Concat(["ComplaintSummary.CapaDone", "ComplaintSummary.CapaMissing", "ComplaintSummary.CaseWritten", "ComplaintSummary.CaseNotWritten"])
            .Distinct()
            .ToList();
        Assert.NotEmpty(keys);

        var localizer = Localizer(culture);
        var missing = keys.Where(k => localizer[k].ResourceNotFound).ToList();
        Assert.True(missing.Count == 0, $"Missing in {culture}: {string.Join(", ", missing)}");
    }

    [Fact]
    public void ChineseIsTheNeutralLanguage()
    {
        Assert.Equal("欢迎使用 ServiceInsights", Localizer("zh-CN")["Home.Welcome"].Value);
        Assert.Equal("Welcome to ServiceInsights", Localizer("en-US")["Home.Welcome"].Value);
    }

    private static IStringLocalizer<SharedResource> Localizer(string culture)
    {
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider();
        return services.GetRequiredService<IStringLocalizer<SharedResource>>();
    }

    private static Dictionary<string, string> ReadResx(string name) =>
        XDocument.Load(Path.Combine(WebProject, "Resources", name)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ServiceInsights.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ServiceInsights.sln not found above the test binaries.");
    }

    [GeneratedRegex("""L\["([A-Za-z0-9.]+)"[\],]""")]
    private static partial Regex LiteralKey();
}
