using System.Globalization;
using ServiceInsights.Data.Import;

namespace ServiceInsights.Tools.SeedData;

/// <summary>How date-times (and dates) are written; each is one of the forms docs/IMPORT-FORMAT.md accepts.</summary>
public enum DateTimeForm
{
    /// <summary><c>2026-03-05 14:20</c>, dates <c>2026-03-05</c>.</summary>
    IsoMinutes,

    /// <summary><c>2026-03-05 14:20:00</c>, dates <c>2026-03-05</c>.</summary>
    IsoSeconds,

    /// <summary><c>2026/3/5 14:20</c>, dates <c>2026/3/5</c> — what Excel on a Chinese Windows shows.</summary>
    Slashed,

    /// <summary><c>2026年3月5日 14:20</c>, dates <c>2026年3月5日</c>.</summary>
    Chinese,

    /// <summary>Real XLSX date cells (XLSX only; CSV falls back to <see cref="IsoMinutes"/>).</summary>
    Cell,
}

/// <summary>How yes/no is written.</summary>
public enum YesNoForm
{
    /// <summary>是 / 否.</summary>
    ShiFou,

    /// <summary>Y / N.</summary>
    YN,

    /// <summary>✓ for yes, 否 for no — a ticked column.</summary>
    Tick,
}

/// <summary>How a satisfaction answer is written: 非常满意 … 非常不满意, or 5 … 1.</summary>
public enum SatisfactionForm { Words, Numbers }

/// <summary>The value forms of one file or sheet. Chinese headers come with Chinese enumeration words, English headers
/// with the English aliases.</summary>
public sealed record ValueStyle(bool ChineseHeaders, DateTimeForm DateTimes, YesNoForm YesNo, SatisfactionForm Satisfaction);

/// <summary>Writes one field's value as text in the documented forms, invariant culture; null → empty.</summary>
public static class SeedValueFormatter
{
    private static readonly string[] SatisfactionWords = ["非常不满意", "不满意", "一般", "满意", "非常满意"];

    public static string Format(ImportField field, object? value, ValueStyle style)
    {
        if (value is null)
        {
            return "";
        }

        return field.Type switch
        {
            FieldType.Text => (string)value,
            FieldType.DateTime => FormatDateTime((DateTime)value, style.DateTimes),
            FieldType.Date => FormatDate((DateOnly)value, style.DateTimes),
            FieldType.YesNo => FormatYesNo((bool)value, style.YesNo),
            FieldType.Enum => style.ChineseHeaders
                ? field.EnumWords.Single(w => w.Value.Equals(value)).Chinese
                : value.ToString()!,
            FieldType.Satisfaction => style.Satisfaction == SatisfactionForm.Words
                ? SatisfactionWords[(int)value - 1]
                : ((int)value).ToString(CultureInfo.InvariantCulture),
            FieldType.Score => ((int)value).ToString(CultureInfo.InvariantCulture),
            FieldType.Decimal => ((decimal)value).ToString("0.00", CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, null),
        };
    }

    public static string FormatDateTime(DateTime value, DateTimeForm form) => value.ToString(form switch
    {
        DateTimeForm.IsoSeconds => "yyyy-MM-dd HH:mm:ss",
        DateTimeForm.Slashed => "yyyy/M/d HH:mm",
        DateTimeForm.Chinese => "yyyy年M月d日 HH:mm",
        _ => "yyyy-MM-dd HH:mm",
    }, CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly value, DateTimeForm form) => value.ToString(form switch
    {
        DateTimeForm.Slashed => "yyyy/M/d",
        DateTimeForm.Chinese => "yyyy年M月d日",
        _ => "yyyy-MM-dd",
    }, CultureInfo.InvariantCulture);

    public static string FormatYesNo(bool value, YesNoForm form) => form switch
    {
        YesNoForm.YN => value ? "Y" : "N",
        YesNoForm.Tick => value ? "✓" : "否",
        _ => value ? "是" : "否",
    };
}
