using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ServiceInsights.Data.Import;

/// <summary>
/// Reads one cell in every form the import format allows (docs/IMPORT-FORMAT.md, "Values"). A cell is a string (CSV,
/// text cells), a double (numbers and Excel serials), a <see cref="DateTime"/> (XLSX date cells) or a bool.
/// Date-times come back as local (department) times; the caller converts them to UTC in one place. Text is NFKC-normalised
/// before it is read as a date, number or word when it holds full-width forms (２０２６／１０／０５ ９：００), which a Chinese
/// keyboard types; only ASCII digits count as digits.
/// </summary>
public static partial class CellParser
{
    private static readonly DateTime MinDate = new(1990, 1, 1);

    // Ordinal-ignore-case lookups: culture-aware lower-casing of Chinese text went through ICU on every cell and was
    // the import's largest single cost (measured).
    private static readonly FrozenDictionary<string, bool> YesNoWords = new Dictionary<string, bool>
    {
        ["是"] = true, ["y"] = true, ["yes"] = true, ["true"] = true, ["1"] = true, ["✓"] = true, ["✔"] = true, ["√"] = true, ["有"] = true, ["对"] = true,
        ["否"] = false, ["n"] = false, ["no"] = false, ["false"] = false, ["0"] = false, ["✗"] = false, ["✘"] = false, ["×"] = false, ["无"] = false, ["不"] = false,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, int> SatisfactionWords = new Dictionary<string, int>
    {
        ["非常满意"] = 5, ["very satisfied"] = 5,
        ["满意"] = 4, ["satisfied"] = 4,
        ["一般"] = 3, ["基本满意"] = 3, ["neutral"] = 3,
        ["不满意"] = 2, ["unsatisfied"] = 2, ["dissatisfied"] = 2,
        ["非常不满意"] = 1, ["very unsatisfied"] = 1, ["very dissatisfied"] = 1,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    private static readonly DateTime MaxDate = new(2100, 12, 31);

    /// <summary>True when the cell holds nothing (null, empty or white space): an absent value, never an error.</summary>
    public static bool IsEmpty(object? cell) => cell switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        _ => false,
    };

    /// <summary>
    /// Full-width letters, digits and punctuation (U+FF01–U+FF5E) and the ideographic space as their ASCII forms (NFKC);
    /// other text as it is, without the cost of normalising.
    /// </summary>
    public static string Normalize(string text)
    {
        foreach (var c in text)
        {
            if (c is '\u3000' or (>= '\uFF01' and <= '\uFF5E'))
            {
                return text.Normalize(System.Text.NormalizationForm.FormKC);
            }
        }

        return text;
    }

    /// <summary>The cell as the text a user typed (for messages and the rejected-rows workbook).</summary>
    public static string Raw(object? cell) => cell switch
    {
        null => "",
        string s => s,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };

    public static bool TryDateTime(object? cell, out DateTime local)
    {
        local = default;
        switch (cell)
        {
            case DateTime d:
                local = DateTime.SpecifyKind(d, DateTimeKind.Unspecified);
                return InRange(local);
            case double serial:
                return TrySerial(serial, out local);
            case string s:
                var text = Normalize(s).Trim();
                return TryIsoFast(text, out local) || TryLoose(text, out local)
                       || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && TrySerial(n, out local));
            default:
                return false;
        }
    }

    public static bool TryDate(object? cell, out DateOnly date)
    {
        date = default;
        if (!TryDateTime(cell, out var local))
        {
            return false;
        }

        date = DateOnly.FromDateTime(local);
        return true;
    }

    public static bool TryYesNo(object? cell, out bool value)
    {
        value = false;
        switch (cell)
        {
            case bool b:
                value = b;
                return true;
            case double n when n is 0 or 1:
                value = n == 1;
                return true;
            case string s:
                return YesNoWords.TryGetValue(Normalize(s).Trim(), out value);
            default:
                return false;
        }
    }

    /// <summary>非常满意 5 · 满意 4 · 一般 3 · 不满意 2 · 非常不满意 1, or the number (also English words).</summary>
    public static bool TrySatisfaction(object? cell, out int score)
    {
        score = 0;
        if (TryScore(cell, out score))
        {
            return true;
        }

        return cell is string text && SatisfactionWords.TryGetValue(Normalize(text).Trim(), out score);
    }

    public static bool TryScore(object? cell, out int score)
    {
        score = 0;
        var number = cell switch
        {
            double n => n,
            string s when double.TryParse(Normalize(s).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) => n,
            _ => double.NaN,
        };
        if (number is >= 1 and <= 5 && number == Math.Floor(number))
        {
            score = (int)number;
            return true;
        }

        return false;
    }

    public static bool TryDecimal(object? cell, out decimal value)
    {
        value = 0;
        switch (cell)
        {
            // An XLSX number can be far beyond what a decimal holds (1e29 overflowed the cast and ended the import).
            case double n when double.IsFinite(n) && Math.Abs(n) < 7.9e28: // decimal.MaxValue is 7.92e28
                value = Math.Round((decimal)n, 4);
                return true;
            case string s:
                var text = Normalize(s).Trim().Replace(",", "", StringComparison.Ordinal).Replace("，", "", StringComparison.Ordinal)
                    .TrimStart('¥', '￥').TrimEnd('元');
                return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out value);
            default:
                return false;
        }
    }

    /// <summary>The enumeration value for a Chinese word or English alias (case-insensitive).</summary>
    public static bool TryChoice(object? cell, ImportField field, out object? value) =>
        field.ChoiceByWord.TryGetValue(Normalize(Raw(cell)).Trim(), out value);

    /// <summary>The allowed words of a choice field, for messages: "电话/Phone, 短信/Sms".</summary>
    public static string DescribeChoices(ImportField field) =>
        string.Join(", ", field.EnumWords.Select(w => $"{w.Chinese}/{w.Value}"));

    // yyyy-MM-dd[ HH:mm[:ss]] and yyyy-MM-ddTHH:mm — the common case, parsed without allocation.
    private static bool TryIsoFast(ReadOnlySpan<char> s, out DateTime local)
    {
        local = default;
        if (s.Length is not (10 or 16 or 19) || s[4] != '-' || s[7] != '-')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day))
        {
            return false;
        }

        int hour = 0, minute = 0, second = 0;
        if (s.Length >= 16)
        {
            if (s[10] is not (' ' or 'T') || s[13] != ':' || !Digits(s, 11, 2, out hour) || !Digits(s, 14, 2, out minute))
            {
                return false;
            }

            if (s.Length == 19 && (s[16] != ':' || !Digits(s, 17, 2, out second)))
            {
                return false;
            }
        }

        return TryBuild(year, month, day, hour, minute, second, out local);
    }

    // 2026/3/5 14:20, 2026年3月5日 14:20, 2026.3.5, 2026-3-5 9:05:00 …
    private static bool TryLoose(string s, out DateTime local)
    {
        local = default;
        var match = LooseDateTime().Match(s);
        if (!match.Success)
        {
            return false;
        }

        int Group(string name) => match.Groups[name].Success ? int.Parse(match.Groups[name].ValueSpan, CultureInfo.InvariantCulture) : 0;
        var hour = Group("h");
        if (match.Groups["pm"].Success && match.Groups["pm"].Value is "下午" or "晚上" or "PM" or "pm" && hour < 12)
        {
            hour += 12;
        }

        return TryBuild(Group("y"), Group("m"), Group("d"), hour, Group("min"), Group("s"), out local);
    }

    private static bool TrySerial(double serial, out DateTime local)
    {
        local = default;
        if (!double.IsFinite(serial) || serial < 1 || serial > 2958465)
        {
            return false;
        }

        // Excel serials count days from 1899-12-30; round to the minute's second so 14:20 does not read 14:19:59.999.
        var value = DateTime.FromOADate(serial);
        local = new DateTime(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
        if (value.Millisecond >= 500)
        {
            local = local.AddSeconds(1);
        }

        return InRange(local);
    }

    private static bool TryBuild(int year, int month, int day, int hour, int minute, int second, out DateTime local)
    {
        local = default;
        if (month is < 1 or > 12 || day < 1 || year is < 1990 or > 2100 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    private static bool InRange(DateTime value) => value >= MinDate && value <= MaxDate;

    private static bool Digits(ReadOnlySpan<char> s, int start, int length, out int value)
    {
        value = 0;
        for (var i = start; i < start + length; i++)
        {
            var c = s[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }

    // [0-9], not \d: \d also matches other scripts' digits, which int.Parse does not read.
    [GeneratedRegex(@"^(?<y>[0-9]{4})\s*[-/.年]\s*(?<m>[0-9]{1,2})\s*[-/.月]\s*(?<d>[0-9]{1,2})\s*日?(?:\s*(?:T|\s)?\s*(?<pm>上午|下午|晚上|AM|PM|am|pm)?\s*(?<h>[0-9]{1,2})\s*[:：时]\s*(?<min>[0-9]{1,2})\s*分?(?:\s*[:：]\s*(?<s>[0-9]{1,2})(?:\.[0-9]+)?\s*秒?)?)?$")]
    private static partial Regex LooseDateTime();
}
