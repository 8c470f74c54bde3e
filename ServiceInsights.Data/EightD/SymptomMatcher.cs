using System.Text;

namespace ServiceInsights.Data.EightD;

/// <summary>
/// The one rule for "the same symptom", used by the Is / Is Not table, the repeat flag and the fault clusters alike: two
/// records show the same symptom when they share a recorded fault cause (a repair's 故障原因, a complaint's 根本原因) or
/// the same normalised problem text (a ticket's 问题描述, a complaint's 投诉内容). See docs/decisions/011-eightd-storage.md.
/// </summary>
public static class SymptomMatcher
{
    private const string CausePrefix = "cause:";
    private const string ProblemPrefix = "problem:";

    /// <summary>
    /// A text as compared: its first line (the seed and the exports append "（客户补充：…）" on a second line), Unicode
    /// compatibility form (full-width letters and digits as half-width), without white space and trailing punctuation.
    /// Null when nothing is left.
    /// </summary>
    public static string? Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var firstLine = text.Trim().Split('\n', 2)[0].Normalize(NormalizationForm.FormKC);
        var compact = new StringBuilder(firstLine.Length);
        foreach (var ch in firstLine.Where(c => !char.IsWhiteSpace(c)))
        {
            compact.Append(ch);
        }

        var result = compact.ToString().TrimEnd('。', '.', '，', ',', '；', ';', '！', '!');
        return result.Length == 0 ? null : result;
    }

    /// <summary>The keys of a record: one per recorded fault cause and one per problem text it holds.</summary>
    public static IReadOnlySet<string> Keys(IEnumerable<string?> causes, IEnumerable<string?> problems) =>
        causes.Select(Normalise).OfType<string>().Select(c => CausePrefix + c)
            .Concat(problems.Select(Normalise).OfType<string>().Select(p => ProblemPrefix + p))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>True when the two records share a fault cause or a problem text.</summary>
    public static bool Matches(IReadOnlySet<string> a, IReadOnlySet<string> b) => a.Overlaps(b);

    /// <summary>The fault causes among <paramref name="keys"/>, as normalised.</summary>
    public static IEnumerable<string> Causes(IEnumerable<string> keys) =>
        keys.Where(k => k.StartsWith(CausePrefix, StringComparison.Ordinal)).Select(k => k[CausePrefix.Length..]);

    /// <summary>The problem texts among <paramref name="keys"/>, as normalised.</summary>
    public static IEnumerable<string> Problems(IEnumerable<string> keys) =>
        keys.Where(k => k.StartsWith(ProblemPrefix, StringComparison.Ordinal)).Select(k => k[ProblemPrefix.Length..]);
}
