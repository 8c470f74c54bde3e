namespace ServiceInsights.Web.Exports.Pdf;

/// <summary>One line of wrapped text: a range of the source string.</summary>
public readonly record struct TextLine(int Start, int Length)
{
    public ReadOnlySpan<char> Of(string text) => text.AsSpan(Start, Length);

    /// <summary>The line as a string; the source itself when the line is all of it (no copy).</summary>
    public string Text(string text) => Start == 0 && Length == text.Length ? text : text.Substring(Start, Length);
}

/// <summary>
/// Greedy line breaking for mixed Chinese and Latin text: a line may break between any two CJK characters, and at
/// spaces and after a hyphen inside a word (T-2026-10-00042) in Latin text; a Latin word longer than a line is broken where it must; closing punctuation (，。、；：？！）…)
/// never starts a line and opening punctuation never ends one; explicit newlines are kept. Widths come from the
/// glyph-advance cache of <see cref="FontFace"/>, so wrapping a cell is a single pass over its characters.
/// </summary>
public static class TextWrapper
{
    /// <summary>Appends the lines of <paramref name="text"/> within <paramref name="maxWidth"/> points to <paramref name="lines"/> (which is cleared).</summary>
    public static void Wrap(string text, FontFace face, double size, double maxWidth, List<TextLine> lines)
    {
        lines.Clear();
        if (text.Length == 0)
        {
            return;
        }

        // Fast path: one line that fits (most table cells).
        if (text.IndexOf('\n') < 0 && face.Width(text, size) <= maxWidth)
        {
            lines.Add(new TextLine(0, text.Length));
            return;
        }

        var maxEm = maxWidth / size;
        var lineStart = 0;
        var lastBreak = -1;
        double width = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n' || c == '\r')
            {
                Emit(text, lineStart, i, lines);
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                lineStart = i + 1;
                width = 0;
                lastBreak = -1;
                continue;
            }

            if (i > lineStart && CanBreakBefore(text, i))
            {
                lastBreak = i;
            }

            var w = char.IsLowSurrogate(c) ? 0 : char.IsHighSurrogate(c) && i + 1 < text.Length ? face.Width(text.AsSpan(i, 2), 1) : face.Advance(c);
            if (width + w > maxEm && i > lineStart && c != ' ')
            {
                int next;
                if (lastBreak > lineStart)
                {
                    next = lastBreak;
                }
                else
                {
                    // No break opportunity on the line (a long Latin word): break inside it, keeping a closing
                    // punctuation mark with the character before it and surrogate pairs together.
                    next = i;
                    if ((IsClosing(c) || char.IsLowSurrogate(c)) && next - 1 > lineStart)
                    {
                        next--;
                    }
                }

                Emit(text, lineStart, next, lines);
                lineStart = next;
                while (lineStart < i && text[lineStart] == ' ')
                {
                    lineStart++;
                }

                width = lineStart < i ? face.Width(text.AsSpan(lineStart, i - lineStart), 1) : 0;
                lastBreak = -1;
            }

            width += w;
        }

        if (lineStart < text.Length)
        {
            Emit(text, lineStart, text.Length, lines);
        }
    }

    /// <summary>The number of lines <paramref name="text"/> takes within <paramref name="maxWidth"/> points.</summary>
    public static int CountLines(string text, FontFace face, double size, double maxWidth)
    {
        var lines = new List<TextLine>();
        Wrap(text, face, size, maxWidth, lines);
        return lines.Count;
    }

    private static void Emit(string text, int start, int end, List<TextLine> lines)
    {
        while (end > start && text[end - 1] == ' ')
        {
            end--;
        }

        lines.Add(new TextLine(start, end - start));
    }

    private static bool CanBreakBefore(string text, int i)
    {
        var c = text[i];
        var prev = text[i - 1];
        if (c == ' ' || char.IsLowSurrogate(c) || IsClosing(c) || IsOpening(prev))
        {
            return false;
        }

        return prev == ' ' || prev == '-' && i >= 2 && char.IsLetterOrDigit(text[i - 2]) || IsCjk(c) || IsCjk(prev) || char.IsHighSurrogate(c);
    }

    /// <summary>Han ideographs, kana, Hangul, CJK symbols and full-width forms: a line may break on either side.</summary>
    public static bool IsCjk(char c) =>
        c is >= '\u2E80' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF' or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFFEF';

    /// <summary>Punctuation that must not begin a line.</summary>
    public static bool IsClosing(char c) => "，。、；：？！）」』】》〉〕…—‥・·％%,.;:?!)]}\u201D\u2019".Contains(c);

    /// <summary>Punctuation that must not end a line.</summary>
    public static bool IsOpening(char c) => "（「『【《〈〔([{\u201C\u2018".Contains(c);
}
