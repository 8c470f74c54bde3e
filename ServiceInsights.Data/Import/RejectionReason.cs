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

    /// <summary>Reading the cell failed in a way no rule foresaw; the detail is the error's message.</summary>
    Unreadable,

    /// <summary>A CSV line with more or fewer fields than the header (a stray separator or quote shifts the columns).</summary>
    WrongColumnCount,

    /// <summary>The key occurred on an earlier row of the same file; the detail is that row's number.</summary>
    DuplicateInFile,

    /// <summary>A time before the time it follows from (resolved before received); the detail is that column's header.</summary>
    TimeOrder,
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
            (RejectionReason.Unreadable, true) => "无法读取",
            (RejectionReason.Unreadable, false) => "cannot be read",
            (RejectionReason.WrongColumnCount, true) => $"该行的列数与表头不同（{detail}）",
            (RejectionReason.WrongColumnCount, false) => $"the row's column count differs from the header's ({detail})",
            (RejectionReason.DuplicateInFile, true) => $"同一文件中重复，首次出现在第 {detail} 行",
            (RejectionReason.DuplicateInFile, false) => $"repeated in the same file, first on row {detail}",
            (RejectionReason.TimeOrder, true) => $"早于{detail}",
            (RejectionReason.TimeOrder, false) => $"is before {detail}",
            _ => reason.ToString(),
        };
        if (reason is RejectionReason.WrongColumnCount or RejectionReason.DuplicateInFile or RejectionReason.TimeOrder)
        {
            return text; // the detail is part of the sentence
        }

        return string.IsNullOrEmpty(detail) ? text : $"{text}: {detail}";
    }
}
