namespace ServiceInsights.Data.Import;

/// <summary>Why a row or a file could not be taken in. Each has a Chinese and an English text (<see cref="ImportMessages"/>).</summary>
public enum RejectionReason
{
    MissingKey,
    MissingRequired,
    InvalidDateTime,
    InvalidDate,
    InvalidYesNo,
    InvalidChoice,
    InvalidSatisfaction,
    InvalidScore,
    InvalidDecimal,
    TooLong,
}

/// <summary>The texts of import messages in both languages; the UI picks by culture, the CLI prints English.</summary>
public static class ImportMessages
{
    public static string Describe(RejectionReason reason, bool chinese, string? detail = null)
    {
        var text = (reason, chinese) switch
        {
            (RejectionReason.MissingKey, true) => "缺少关键字段",
            (RejectionReason.MissingKey, false) => "the key is empty",
            (RejectionReason.MissingRequired, true) => "缺少必填值",
            (RejectionReason.MissingRequired, false) => "a required value is empty",
            (RejectionReason.InvalidDateTime, true) => "不是可识别的日期时间（例如 2026-03-05 14:20）",
            (RejectionReason.InvalidDateTime, false) => "not a date-time (e.g. 2026-03-05 14:20)",
            (RejectionReason.InvalidDate, true) => "不是可识别的日期（例如 2026-03-05）",
            (RejectionReason.InvalidDate, false) => "not a date (e.g. 2026-03-05)",
            (RejectionReason.InvalidYesNo, true) => "应为 是/否、Y/N、1/0 或 ✓",
            (RejectionReason.InvalidYesNo, false) => "expected yes/no (是/否, Y/N, 1/0, ✓)",
            (RejectionReason.InvalidChoice, true) => "不是允许的取值",
            (RejectionReason.InvalidChoice, false) => "not one of the allowed values",
            (RejectionReason.InvalidSatisfaction, true) => "满意度应为 非常满意/满意/一般/不满意/非常不满意 或 1–5",
            (RejectionReason.InvalidSatisfaction, false) => "satisfaction must be 非常满意/满意/一般/不满意/非常不满意 or 1–5",
            (RejectionReason.InvalidScore, true) => "应为 1–5 的整数",
            (RejectionReason.InvalidScore, false) => "expected a whole number 1–5",
            (RejectionReason.InvalidDecimal, true) => "不是数字",
            (RejectionReason.InvalidDecimal, false) => "not a number",
            (RejectionReason.TooLong, true) => "内容过长",
            (RejectionReason.TooLong, false) => "the value is too long",
            _ => reason.ToString(),
        };
        return string.IsNullOrEmpty(detail) ? text : $"{text}: {detail}";
    }
}
