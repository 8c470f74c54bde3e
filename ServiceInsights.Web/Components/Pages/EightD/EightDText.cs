using System.Globalization;
using MudBlazor;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.EightD;
using ServiceInsights.Data.Entities;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Components.Pages.EightD;

/// <summary>How the 8D pages name the model's words (statuses, sections, roles, cause kinds, documents…): resource keys built
/// from the enum values, listed in <see cref="Keys"/> so the localization test checks them.</summary>
public static class EightDText
{
    /// <summary>The sections the editor shows as tabs, in the order of the form.</summary>
    public static IReadOnlyList<EightDSection> Tabs { get; } =
    [
        EightDSection.Header, EightDSection.D0, EightDSection.D1, EightDSection.D2, EightDSection.D3, EightDSection.D4,
        EightDSection.D5, EightDSection.D6, EightDSection.D7, EightDSection.D8,
    ];

    /// <summary>"EightD.TeamRole.Leader", "EightD.EightDSection.D4"…</summary>
    public static string Key(Enum value) => $"EightD.{value.GetType().Name}.{value}";

    /// <summary>The button that moves a report to <paramref name="to"/>.</summary>
    public static string StepKey(EightDStatus to) => $"EightD.Step.{to}";

    public static IEnumerable<string> Keys =>
        Enum.GetValues<EightDStatus>().SelectMany(s => new[] { Key(s), StepKey(s) })
            .Concat(Enum.GetValues<EightDSection>().Select(s => Key(s)))
            .Concat(Enum.GetValues<TeamRole>().Select(r => Key(r)))
            .Concat(Enum.GetValues<CauseKind>().Select(k => Key(k)))
            .Concat(Enum.GetValues<IsIsNotDimension>().Select(d => Key(d)))
            .Concat(Enum.GetValues<PreventionDocument>().Select(d => Key(d)))
            .Concat(Enum.GetValues<TimelineKind>().Select(k => Key(k)))
            .Concat(Enum.GetValues<EightDLinkKind>().Select(k => Key(k)));

    public static Color StatusColor(EightDStatus status) => status switch
    {
        EightDStatus.Draft => Color.Default,
        EightDStatus.InReview => Color.Info,
        EightDStatus.Approved => Color.Success,
        _ => Color.Dark,
    };

    /// <summary>A domain message (rules, open items) in the UI language.</summary>
    public static string Text(BilingualText? text) => text?.In(Localization.IsChinese()) ?? "";

    /// <summary>A refusal of the 8D rules (a closed 8D, a role that may not edit…) in the page's language: each problem's own words.</summary>
    public static string Text(EightDRuleException refusal) =>
        string.Join(Localization.IsChinese() ? "；" : "; ", refusal.Problems.Select(p => Text(p.Message)));

    public static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string When(DateTime? local) => local?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>A list of names as one editable line ("A、B"), and back: split at 、 , ; or a line break.</summary>
    public static string Join(IEnumerable<string> values) => string.Join("、", values);

    /// <summary>Sentences, one a line, and back (the Is / Is Not cells hold sentences that have commas of their own).</summary>
    public static string Lines(IEnumerable<string> values) => string.Join("\n", values);

    public static List<string> SplitLines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    public static List<string> Split(string? text) =>
        (text ?? "").Split(['、', ',', '，', ';', '；', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
