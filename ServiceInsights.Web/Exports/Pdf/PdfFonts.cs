using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;

namespace ServiceInsights.Web.Exports.Pdf;

/// <summary>
/// The one font of every PDF: Noto Sans SC (Regular and Bold, TrueType outlines, OFL-1.1), embedded in this
/// assembly from <c>Exports/Fonts</c>. PDFsharp's font resolver is a process-wide static, so
/// <see cref="EnsureRegistered"/> sets it exactly once, whoever calls first (app, CLI or tests).
/// </summary>
public static class PdfFonts
{
    public const string Family = "Noto Sans SC";
    private const string RegularFace = "NotoSansSC-Regular";
    private const string BoldFace = "NotoSansSC-Bold";

    private static readonly Lock Gate = new();
    private static volatile bool registered;

    /// <summary>Sets PDFsharp's font resolver to ours once per process; safe to call from any thread, any number of times.</summary>
    public static void EnsureRegistered()
    {
        if (registered)
        {
            return;
        }

        lock (Gate)
        {
            if (registered)
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is not NotoFontResolver)
            {
                GlobalFontSettings.FontResolver = new NotoFontResolver();
            }

            registered = true;
        }
    }

    private static byte[] Load(string face)
    {
        var name = $"ServiceInsights.Web.Exports.Fonts.{face}.ttf";
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font resource {name} is missing from the assembly.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private sealed class NotoFontResolver : IFontResolver
    {
        private readonly Lazy<byte[]> regular = new(() => Load(RegularFace));
        private readonly Lazy<byte[]> bold = new(() => Load(BoldFace));

        // Every family name resolves to Noto Sans SC: the layer asks only for it, and a stray name must not fail a report.
        public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new(isBold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: isItalic);

        public byte[]? GetFont(string faceName) => faceName == BoldFace ? bold.Value : regular.Value;
    }
}

/// <summary>
/// Text widths from a per-face cache of glyph advances (in em), filled once per character through PDFsharp's own
/// measuring; measuring a string is then a loop of array reads instead of a <c>MeasureString</c> per string.
/// PDFsharp applies no kerning, so the sum of advances is the width it draws.
/// </summary>
public sealed class FontFace
{
    private const double ReferenceSize = 100;

    private static readonly Lock MeasureGate = new();
    private static XGraphics? measureContext;

    private readonly float[] advances = new float[char.MaxValue + 1];
    private readonly ConcurrentDictionary<int, float> supplementary = new();
    private readonly XFont reference;

    public static FontFace Regular { get; } = new(bold: false);
    public static FontFace Bold { get; } = new(bold: true);

    private FontFace(bool bold)
    {
        PdfFonts.EnsureRegistered();
        IsBold = bold;
        Array.Fill(advances, float.NaN);
        reference = new XFont(PdfFonts.Family, ReferenceSize, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
        var metrics = reference.Metrics;
        Ascent = (double)metrics.Ascent / metrics.UnitsPerEm;
        Descent = (double)Math.Abs(metrics.Descent) / metrics.UnitsPerEm;
    }

    public bool IsBold { get; }

    /// <summary>Height above the baseline, in em.</summary>
    public double Ascent { get; }

    /// <summary>Depth below the baseline, in em (positive).</summary>
    public double Descent { get; }

    /// <summary>A PDFsharp font of this face; fonts are cached per size by the caller (<see cref="ReportTheme"/>).</summary>
    /// <remarks>Always Unicode (Identity-H) encoding: otherwise PDFsharp writes Latin-only strings through a second,
    /// WinAnsi font object of the same face.</remarks>
    public XFont At(double size) => new(PdfFonts.Family, size, IsBold ? XFontStyleEx.Bold : XFontStyleEx.Regular, UnicodeOptions);

    private static readonly XPdfFontOptions UnicodeOptions = new(PdfSharp.Pdf.PdfFontEncoding.Unicode);

    /// <summary>The width of <paramref name="text"/> at <paramref name="size"/> points.</summary>
    public double Width(ReadOnlySpan<char> text, double size)
    {
        double em = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                em += Supplementary(char.ConvertToUtf32(c, text[i + 1]));
                i++;
                continue;
            }

            em += Advance(c);
        }

        return em * size;
    }

    /// <summary>The advance of one BMP character, in em.</summary>
    public double Advance(char c)
    {
        var a = advances[c];
        if (float.IsNaN(a))
        {
            a = advances[c] = Measure(c.ToString());
        }

        return a;
    }

    private float Supplementary(int codePoint) => supplementary.GetOrAdd(codePoint, cp => Measure(char.ConvertFromUtf32(cp)));

    private float Measure(string s)
    {
        lock (MeasureGate)
        {
            measureContext ??= XGraphics.CreateMeasureContext(new XSize(1000, 1000), XGraphicsUnit.Point, XPageDirection.Downwards);
            return (float)(measureContext.MeasureString(s, reference).Width / ReferenceSize);
        }
    }
}
