using System.Text.RegularExpressions;
using ServiceInsights.Data.Settings;

namespace ServiceInsights.Data.Sms;

/// <summary>The three SMS texts of the standard: the service confirmation (CS-1a, §一1) and the weekly and monthly callback SMS (CS-7a).</summary>
public enum SmsTemplateKind { Confirmation, Weekly, Monthly }

/// <summary>
/// SMS templates: their placeholders, validation, rendering and length. A template names only the placeholders below; an
/// unknown one is an error when it is saved, never a blank in a customer's SMS.
/// </summary>
public static partial class SmsText
{
    /// <summary>{客户} {联系人} {产品} {型号} {工单号} {客服} {客服电话} {日期}.</summary>
    public static IReadOnlyList<string> Placeholders { get; } = ["客户", "联系人", "产品", "型号", "工单号", "客服", "客服电话", "日期"];

    /// <summary>Characters per SMS segment for a Chinese (UCS-2) text, as the department's gateway counts them.</summary>
    public const int SegmentLength = 70;

    public const int MaxLength = 500;

    public const string KeyPrefix = "Sms.";

    public static string Key(SmsTemplateKind kind) => KeyPrefix + kind;

    /// <summary>The texts in force until an Admin saves others; each names the staff member and their phone, as §一1 asks.</summary>
    public static string Default(SmsTemplateKind kind) => kind switch
    {
        SmsTemplateKind.Confirmation => "【工程服务部】{联系人}您好，您的服务请求已受理（工单 {工单号}，{产品} {型号}），由客服{客服}负责，电话 {客服电话}。",
        SmsTemplateKind.Weekly => "【工程服务部】{联系人}您好，您的{产品}（{型号}）于 {日期} 服务完毕，现在使用是否正常？如有问题请联系客服{客服}，电话 {客服电话}。",
        _ => "【工程服务部】{联系人}您好，感谢您使用{产品}（{型号}）。设备运行如有任何问题，请随时联系客服{客服}，电话 {客服电话}。工单 {工单号}",
    };

    [GeneratedRegex(@"\{([^{}]*)\}")]
    private static partial Regex Placeholder();

    /// <summary>Checks a template before it is stored.</summary>
    /// <exception cref="InvalidSettingException">Empty, too long, an unknown placeholder or an unmatched brace; the message names it.</exception>
    public static void Validate(SmsTemplateKind kind, string template)
    {
        var key = Key(kind);
        if (string.IsNullOrWhiteSpace(template))
        {
            throw new InvalidSettingException(key, "短信模板不能为空。 The template is empty.");
        }

        if (template.Length > MaxLength)
        {
            throw new InvalidSettingException(key, $"短信模板最多 {MaxLength} 个字符。 The template is longer than {MaxLength} characters.");
        }

        var unknown = Placeholder().Matches(template).Select(m => m.Groups[1].Value).Where(p => !Placeholders.Contains(p)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            var names = string.Join("、", unknown.Select(u => "{" + u + "}"));
            throw new InvalidSettingException(key,
                $"未知占位符 {names}；可用：{string.Join(" ", Placeholders.Select(p => "{" + p + "}"))}。 Unknown placeholder {names}.");
        }

        if (Placeholder().Replace(template, "").IndexOfAny(['{', '}']) >= 0)
        {
            throw new InvalidSettingException(key, "短信模板中有不成对的花括号。 The template has an unmatched brace.");
        }
    }

    /// <summary>The template with each placeholder replaced by its value (an absent value: empty).</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string?> values) =>
        Placeholder().Replace(template, m => values.GetValueOrDefault(m.Groups[1].Value) ?? "");

    /// <summary>The placeholders of <paramref name="template"/> that have no value: the text would have a blank there.</summary>
    public static IReadOnlyList<string> Missing(string template, IReadOnlyDictionary<string, string?> values) =>
        [.. Placeholder().Matches(template).Select(m => m.Groups[1].Value).Where(p => string.IsNullOrWhiteSpace(values.GetValueOrDefault(p))).Distinct()];

    /// <summary>The length in characters (a character outside the basic plane counts once).</summary>
    public static int Length(string text) => text.EnumerateRunes().Count();

    /// <summary>The number of SMS segments: <see cref="SegmentLength"/> characters each.</summary>
    public static int Segments(string text) => (Length(text) + SegmentLength - 1) / SegmentLength;
}
