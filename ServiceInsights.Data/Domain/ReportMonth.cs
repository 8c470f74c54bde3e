using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ServiceInsights.Data.Domain;

/// <summary>A calendar month in the department's time zone, written <c>yyyy-MM</c> in URLs, the CLI and JSON.</summary>
public readonly record struct ReportMonth(int Year, int Month) : IComparable<ReportMonth>
{
    public const string Format = "yyyy-MM";

    public DateOnly FirstDay => new(Year, Month, 1);

    public DateOnly LastDay => FirstDay.AddMonths(1).AddDays(-1);

    public ReportMonth Previous => From(FirstDay.AddMonths(-1));

    public ReportMonth Next => From(FirstDay.AddMonths(1));

    public static ReportMonth From(DateOnly date) => new(date.Year, date.Month);

    public static ReportMonth From(DateTime date) => new(date.Year, date.Month);

    /// <summary>Parses <c>yyyy-MM</c> (also <c>yyyy-M</c>); years 2000–2099 only, which keeps typos out of queries.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out ReportMonth month)
    {
        month = default;
        if (string.IsNullOrWhiteSpace(text)
            || !DateTime.TryParseExact(text.Trim(), ["yyyy-MM", "yyyy-M"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            || parsed.Year is < 2000 or > 2099)
        {
            return false;
        }

        month = From(parsed);
        return true;
    }

    public static ReportMonth Parse(string text) =>
        TryParse(text, out var month) ? month : throw new FormatException($"'{text}' is not a month in the form yyyy-MM.");

    public int CompareTo(ReportMonth other) => (Year * 12 + Month).CompareTo(other.Year * 12 + other.Month);

    public override string ToString() => FirstDay.ToString(Format, CultureInfo.InvariantCulture);
}
