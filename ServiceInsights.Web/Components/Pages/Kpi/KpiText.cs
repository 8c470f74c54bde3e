using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Records;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Components.Pages.Kpi;

/// <summary>How KPI results read on screen: rates, colours, changes, the rule's name and definition keys, and which record a
/// verdict is about.</summary>
public static class KpiText
{
    /// <summary>The rules the trend chart follows (the department's headline KPIs).</summary>
    public static IReadOnlyList<string> Headline { get; } = ["CS-3a", "CS-3b", "CS-3d", "CS-4b", "CS-7b", "CP-1"];

    /// <summary>Green from 95 %, amber from 80 %: the colours of the report pages' rates that have no rule target of their
    /// own (reach rate, answers, process steps). A rule's rate is coloured against its target (<see cref="ColorOf(RateStatus)"/>).</summary>
    public const double Good = 0.95;
    public const double Fair = 0.80;

    public static string NameKey(string id) => $"Kpi.Rule.{id}";

    /// <summary>The rule's row of the metric dictionary (docs/SERVICE-STANDARD.md): eligible records and when they are met.</summary>
    public static string DefinitionKey(string id) => $"Kpi.Definition.{id}";

    public static IEnumerable<string> Keys =>
        MetricCatalog.All.SelectMany(d => new[] { NameKey(d.Id), DefinitionKey(d.Id) });

    /// <summary>A rate as a percentage in the UI culture ("88.2%"); "—" when nothing is eligible.</summary>
    public static string Rate(double? rate) => rate is { } value ? value.ToString("P1", CultureInfo.CurrentCulture) : "—";

    public static Color ColorOf(double? rate) => rate switch
    {
        null => Color.Default,
        >= Good => Color.Success,
        >= Fair => Color.Warning,
        _ => Color.Error,
    };

    /// <summary>A rule's rate against its target: green met, amber near, red below; no colour for a small sample or no data.</summary>
    public static Color ColorOf(RateStatus status) => status switch
    {
        RateStatus.Met => Color.Success,
        RateStatus.Near => Color.Warning,
        RateStatus.Below => Color.Error,
        _ => Color.Default,
    };

    /// <summary>A rule's rate as the page shows it: the percentage, or 无数据 when nothing is eligible.</summary>
    public static string RateOrNoData(double? rate, IStringLocalizer l) => rate is null ? l["Kpi.Status.None"] : Rate(rate);

    /// <summary>What a status says in words: 达标, 接近目标, 未达标, 样本少 (n = 3), 无数据.</summary>
    public static string StatusText(RateStatus status, int eligible, IStringLocalizer l) =>
        status == RateStatus.Small ? l["Kpi.Status.Small", eligible] : l[$"Kpi.Status.{status}"];

    /// <summary>"目标值 95%": a target rate to show beside the actual rate.</summary>
    public static string TargetRate(double rate, IStringLocalizer l) => l["Kpi.TargetRate", TargetPercent(rate)];

    /// <summary>A target rate as a percentage without a needless decimal: "95%", "92.5%".</summary>
    public static string TargetPercent(double rate) => rate.ToString(Math.Round(rate * 100) == Math.Round(rate * 100, 1) ? "P0" : "P1", CultureInfo.CurrentCulture);

    /// <summary>The change against the previous month in percentage points ("▲ 2.5", "▼ 1.0", "± 0"); null when either month has no rate.</summary>
    public static string? Change(double? rate, double? previous)
    {
        if (rate is not { } now || previous is not { } before)
        {
            return null;
        }

        var points = Math.Round((now - before) * 100, 1);
        var number = Math.Abs(points).ToString("0.0", CultureInfo.CurrentCulture);
        return points > 0 ? $"▲ {number}" : points < 0 ? $"▼ {number}" : "± 0";
    }

    public static string Reason(RecordVerdict verdict) => verdict.Reason.In(Localization.IsChinese());

    public static string Target(MetricResult result) => result.Target.In(Localization.IsChinese());

    /// <summary>The record a verdict is about, to open in the detail drawer. A repair-day verdict (CS-4c, key "R-1 2026-10-05")
    /// opens its repair.</summary>
    public static RecordRef RecordOf(string metricId, string key)
    {
        var facts = MetricCatalog.Find(metricId).FactsType;
        return facts == typeof(TicketFacts) ? new(RecordKind.Tickets, key)
            : facts == typeof(RepairDayFacts) ? new(RecordKind.Repairs, key[..key.LastIndexOf(' ')])
            : facts == typeof(RepairFacts) ? new(RecordKind.Repairs, key)
            : facts == typeof(VisitFacts) ? new(RecordKind.SiteVisits, key)
            : facts == typeof(CallbackFacts) ? new(RecordKind.Callbacks, key)
            : facts == typeof(ComplaintFacts) ? new(RecordKind.Complaints, key)
            : new(RecordKind.Quotes, key);
    }
}
