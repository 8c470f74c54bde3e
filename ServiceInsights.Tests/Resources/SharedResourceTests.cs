using System.Text.RegularExpressions;
using System.Xml.Linq;
using ServiceInsights.Data.Domain;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Web;
using ServiceInsights.Data.Entities;
using ServiceInsights.Web.Components.Shared;
using ServiceInsights.Web.Import;
using ServiceInsights.Web.Components.Pages.Admin.Settings;
using ServiceInsights.Web.Components.Pages.Kpi;
using ServiceInsights.Web.Components.Pages.Reports;
using ServiceInsights.Web.Components.Pages.Records;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Domain.Metrics;

namespace ServiceInsights.Tests.Resources;

/// <summary>Every UI string key used in the Web project exists in Chinese and in English.</summary>
public partial class SharedResourceTests
{
    private static readonly string WebProject = Path.Combine(RepositoryFolder.Root, "ServiceInsights.Web");

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
            // Keys the pages build from refusal reasons and failure kinds.
            .Concat(ServiceInsights.Web.Components.Shared.RefusalText.Reasons.SelectMany(t => Enum.GetValues(t).Cast<Enum>()).Select(ServiceInsights.Web.Components.Shared.RefusalText.Key))
            .Concat(Enum.GetNames<ServiceInsights.Web.Delivery.SmtpProblemReason>().Select(r => "Delivery.Smtp.Problem." + r))
            .Concat(["ComplaintSummary.CapaDone", "ComplaintSummary.CapaMissing", "ComplaintSummary.CaseWritten", "ComplaintSummary.CaseNotWritten"])
            .Distinct()
            .ToList();
        Assert.NotEmpty(keys);

        var localizer = TestLocalizer.UseCulture(culture);
        var missing = keys.Where(k => localizer[k].ResourceNotFound).ToList();
        Assert.True(missing.Count == 0, $"Missing in {culture}: {string.Join(", ", missing)}");
    }

    [Fact]
    public void EveryRefusalOfTheProductHasItsReasonsWordedByRefusalText()
    {
        // A refusal whose reason type RefusalText does not know would throw inside the page's catch instead of being worded.
        var reasons = new[] { typeof(ServiceInsights.Data.Domain.AppRoles).Assembly, typeof(ServiceInsights.Web.SharedResource).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.IsAbstract && t.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(ServiceInsights.Data.Domain.RefusalException<>))
            .Select(t => t.BaseType!.GetGenericArguments()[0])
            .Distinct()
            .ToList();

        Assert.True(reasons.Count >= 6, string.Join(", ", reasons));
        Assert.All(reasons, r => Assert.Contains(r, ServiceInsights.Web.Components.Shared.RefusalText.Reasons));
    }

    /// <summary>
    /// Every value of every enumeration a record shows (the import format's choices) and every record kind has a label of
    /// its own in both languages: the Chinese one is the import format's word, the English one is not the enum's name run
    /// together ("SiteVisits") or spaced by machine ("Sms Weekly").
    /// </summary>
    [Fact]
    public void EveryRecordKindAndEnumerationWordHasALabelInBothLanguages()
    {
        var values = RecordText.WordTypes.SelectMany(t => Enum.GetValues(t).Cast<Enum>()).ToList();
        var chineseWords = RecordSchemas.All.SelectMany(s => s.Fields).SelectMany(f => f.EnumWords).DistinctBy(w => w.Value).ToDictionary(w => (Enum)w.Value, w => w.Chinese);
        Assert.Contains(typeof(CallbackMethod), RecordText.WordTypes);
        Assert.Contains(typeof(ServiceType), RecordText.WordTypes);

        var zh = TestLocalizer.UseCulture("zh-CN");
        var problems = values.Where(v => zh[RecordText.WordKey(v)].Value != chineseWords[v]).Select(v => $"zh {RecordText.WordKey(v)}")
            .Concat(Enum.GetValues<RecordKind>().Where(k => zh[RecordText.KindKey(k)].Value != RecordSchemas.For(k).ChineseName).Select(k => $"zh {RecordText.KindKey(k)}"))
            .ToList();
        var en = TestLocalizer.UseCulture("en-US");
        var englishLabels = values.Select(v => (Key: RecordText.WordKey(v), Name: v.ToString(), Label: en[RecordText.WordKey(v)]))
            .Concat(Enum.GetValues<RecordKind>().Select(k => (Key: RecordText.KindKey(k), Name: k.ToString(), Label: en[RecordText.KindKey(k)])));
        foreach (var (key, name, label) in englishLabels)
        {
            if (label.ResourceNotFound || label.Value == key)
            {
                problems.Add($"en {key} is missing");
            }
            else if (RunTogether().IsMatch(label.Value) || (RunTogether().IsMatch(name) && label.Value == RunTogether().Replace(name, "$1 $2")))
            {
                problems.Add($"en {key} reads \"{label.Value}\", the enum's name");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void ChineseIsTheNeutralLanguage()
    {
        Assert.Equal("欢迎使用 ServiceInsights", TestLocalizer.UseCulture("zh-CN")["Home.Welcome"].Value);
        Assert.Equal("Welcome to ServiceInsights", TestLocalizer.UseCulture("en-US")["Home.Welcome"].Value);
    }

    private static Dictionary<string, string> ReadResx(string name) =>
        XDocument.Load(Path.Combine(WebProject, "Resources", name)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [GeneratedRegex("([a-z])([A-Z])")]
    private static partial Regex RunTogether();

    [GeneratedRegex("""L\["([A-Za-z0-9.]+)"[\],]""")]
    private static partial Regex LiteralKey();
}
