namespace ServiceInsights.Web.Exports.Excel;

/// <summary>
/// Excel's rules for sheet names: at most 31 characters, none of <c>[ ] : * ? / \</c>, not blank, no leading or
/// trailing apostrophe, and unique in the workbook ignoring case.
/// </summary>
public sealed class SheetNames
{
    public const int MaxLength = 31;

    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The wanted name made valid, with " (2)", " (3)"… appended when it is already taken.</summary>
    public string Unique(string wanted)
    {
        var name = Sanitize(wanted);
        var candidate = name;
        for (var i = 2; !_used.Add(candidate); i++)
        {
            var suffix = $" ({i})";
            candidate = Truncate(name, MaxLength - suffix.Length) + suffix;
        }

        return candidate;
    }

    public static string Sanitize(string wanted)
    {
        var cleaned = new string([.. wanted.Select(c => c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' || char.IsControl(c) ? '_' : c)]);
        cleaned = Truncate(cleaned.Trim().Trim('\''), MaxLength).Trim();
        return cleaned.Length == 0 ? "Sheet" : cleaned;
    }

    // Never cuts a surrogate pair in half.
    private static string Truncate(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        return char.IsHighSurrogate(text[length - 1]) ? text[..(length - 1)] : text[..length];
    }
}
