using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Records;

namespace ServiceInsights.Web.Components.Pages.Records;

/// <summary>
/// How record fields read on screen. Field names come from <see cref="RecordSchemas"/>: the Chinese name in Chinese, the
/// English alias (spaced: "ReceivedAt" → "Received At") in English. Kinds and enumeration words have a label of their own
/// in the resources (the Chinese one is the import format's word); an enum's name never reaches the screen. Times are the
/// local times the queries return, written in the UI culture.
/// </summary>
public static partial class RecordText
{
    private static bool Chinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";

    public static string Label(ImportField field) => Chinese ? field.Chinese : Spaced(field.English);

    public static string Label(RecordSchema schema, string property) => Label(schema.Field(property));

    /// <summary>The field that decides a record's month: 来电时间 / Received At.</summary>
    public static string AnchorLabel(RecordKind kind) => Label(RecordSchemas.For(kind).Anchor());

    /// <summary>One column for product and model: "产品名称 / 型号".</summary>
    public static string ProductTitle(RecordSchema schema) =>
        $"{Label(schema, nameof(Ticket.ProductName))} / {Label(schema, nameof(Ticket.Model))}";


    /// <summary>工单 / Tickets, 上门服务 / Site visits.</summary>
    public static string KindName(RecordKind kind, IStringLocalizer strings) => strings[KindKey(kind)];

    public static string KindKey(RecordKind kind) => $"Records.Kind.{kind}";

    /// <summary>短信周回访 / Weekly SMS; empty for no value.</summary>
    public static string Word(Enum? value, IStringLocalizer strings) => value is null ? "" : strings[WordKey(value)];

    /// <summary>"Records.Word.CallbackMethod.SmsWeekly".</summary>
    public static string WordKey(Enum value) => $"Records.Word.{value.GetType().Name}.{value}";

    /// <summary>The enumerations whose words records show: the choices of the import format's fields.</summary>
    public static IReadOnlyList<Type> WordTypes { get; } =
        [.. RecordSchemas.All.SelectMany(s => s.Fields).SelectMany(f => f.EnumWords).Select(w => w.Value.GetType()).Distinct()];

    // One date form on every screen, in both languages, as the reports and PDFs print it: 2026-10-29 14:30.
    public static string When(DateTime? local) => local?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";

    public static string Day(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string YesNo(bool? value, IStringLocalizer strings) =>
        value is { } yes ? strings[yes ? "Records.Yes" : "Records.No"] : "";

    /// <summary>"4 · 满意": the score with its word from the import format's scale.</summary>
    public static string Satisfaction(int? score, IStringLocalizer strings) =>
        score is not { } n ? "" : strings[$"Records.Satisfaction.{n}"] is { ResourceNotFound: false } word ? $"{n} · {word}" : $"{n}";

    public static string Format(FieldValue value, IStringLocalizer strings) => value.Value switch
    {
        null => "",
        DateTime local => When(local),
        DateOnly date => Day(date),
        bool yes => YesNo(yes, strings),
        Enum word => Word(word, strings),
        int score when value.Field.Type == FieldType.Satisfaction => Satisfaction(score, strings),
        decimal amount => amount.ToString("N2", CultureInfo.CurrentCulture),
        IFormattable other => other.ToString(null, CultureInfo.CurrentCulture),
        var other => other.ToString() ?? "",
    };

    public static string Icon(RecordKind kind) => kind switch
    {
        RecordKind.Tickets => MudBlazor.Icons.Material.Filled.ConfirmationNumber,
        RecordKind.Repairs => MudBlazor.Icons.Material.Filled.Build,
        RecordKind.RepairUpdates => MudBlazor.Icons.Material.Filled.Update,
        RecordKind.SiteVisits => MudBlazor.Icons.Material.Filled.Engineering,
        RecordKind.Callbacks => MudBlazor.Icons.Material.Filled.PhoneCallback,
        RecordKind.Complaints => MudBlazor.Icons.Material.Filled.ReportProblem,
        _ => MudBlazor.Icons.Material.Filled.RequestQuote,
    };

    private static string Spaced(string name) => LowerUpper().Replace(name, "$1 $2");

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex LowerUpper();
}
