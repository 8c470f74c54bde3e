using PdfSharp.Drawing;

namespace ServiceInsights.Web.Exports.Pdf;

/// <summary>How a key figure compares with its target; picks the card's colour.</summary>
public enum FigureStatus { Neutral, Good, Warning, Bad }

/// <summary>
/// The one theme of every PDF: page size and margins, the font sizes, the colours and the chart palette. Fonts,
/// brushes and pens are created once here and shared by every block.
/// </summary>
public sealed class ReportTheme
{
    public static ReportTheme Default { get; } = new();

    // Page (points; A4 is 595.28 × 841.89).
    public double PageWidth { get; init; } = 595.28;
    public double PageHeight { get; init; } = 841.89;
    public double MarginLeft { get; init; } = 42;
    public double MarginRight { get; init; } = 42;
    public double MarginTop { get; init; } = 34;
    public double MarginBottom { get; init; } = 34;
    public double HeaderHeight { get; init; } = 50;
    public double FooterHeight { get; init; } = 22;
    public double BlockSpacing { get; init; } = 10;

    // Type sizes.
    public double TitleSize { get; init; } = 14;
    public double HeadingSize { get; init; } = 11.5;
    public double BodySize { get; init; } = 9;
    public double TableSize { get; init; } = 7.5;
    public double SmallSize { get; init; } = 7;
    public double FigureSize { get; init; } = 16;
    public double LineSpacing { get; init; } = 1.38;

    // Colours.
    public XColor Primary { get; init; } = XColor.FromArgb(0x1F, 0x4E, 0x79);
    public XColor Text { get; init; } = XColor.FromArgb(0x21, 0x25, 0x29);
    public XColor Muted { get; init; } = XColor.FromArgb(0x6C, 0x75, 0x7D);
    public XColor Rule { get; init; } = XColor.FromArgb(0xD5, 0xDB, 0xE1);
    public XColor HeaderFill { get; init; } = XColor.FromArgb(0xE3, 0xEA, 0xF2);
    public XColor ZebraFill { get; init; } = XColor.FromArgb(0xF6, 0xF8, 0xFA);
    public XColor CardFill { get; init; } = XColor.FromArgb(0xF8, 0xF9, 0xFB);
    public XColor HighlightFill { get; init; } = XColor.FromArgb(0xFF, 0xF4, 0xE5);
    public XColor HighlightBar { get; init; } = XColor.FromArgb(0xE0, 0x7B, 0x00);
    public XColor Good { get; init; } = XColor.FromArgb(0x2E, 0x7D, 0x32);
    public XColor Warning { get; init; } = XColor.FromArgb(0xE0, 0x7B, 0x00);
    public XColor Bad { get; init; } = XColor.FromArgb(0xC6, 0x28, 0x28);
    public XColor Neutral { get; init; } = XColor.FromArgb(0x1F, 0x4E, 0x79);

    /// <summary>Series colours of the charts, in order.</summary>
    public IReadOnlyList<XColor> Palette { get; init; } =
    [
        XColor.FromArgb(0x2F, 0x6F, 0xB0), XColor.FromArgb(0xF2, 0x8E, 0x2B), XColor.FromArgb(0x59, 0xA1, 0x4F),
        XColor.FromArgb(0xE1, 0x57, 0x59), XColor.FromArgb(0x76, 0xB7, 0xB2), XColor.FromArgb(0xED, 0xC9, 0x48),
        XColor.FromArgb(0xB0, 0x7A, 0xA1), XColor.FromArgb(0x9C, 0x75, 0x5F),
    ];

    public XColor StatusColor(FigureStatus status) => status switch
    {
        FigureStatus.Good => Good,
        FigureStatus.Warning => Warning,
        FigureStatus.Bad => Bad,
        _ => Neutral,
    };

    public XColor SeriesColor(int index) => Palette[index % Palette.Count];

    private readonly Dictionary<(bool Bold, double Size), XFont> fonts = [];
    private readonly Dictionary<XColor, XSolidBrush> brushes = [];
    private readonly Dictionary<(XColor, double), XPen> pens = [];
    private readonly Lock gate = new();

    /// <summary>A font of the theme's family (cached: creating an XFont per cell is slow).</summary>
    public XFont Font(double size, bool bold = false)
    {
        lock (gate)
        {
            if (!fonts.TryGetValue((bold, size), out var font))
            {
                fonts[(bold, size)] = font = (bold ? FontFace.Bold : FontFace.Regular).At(size);
            }

            return font;
        }
    }

    public XSolidBrush Brush(XColor color)
    {
        lock (gate)
        {
            if (!brushes.TryGetValue(color, out var brush))
            {
                brushes[color] = brush = new XSolidBrush(color);
            }

            return brush;
        }
    }

    public XPen Pen(XColor color, double width = 0.5)
    {
        lock (gate)
        {
            if (!pens.TryGetValue((color, width), out var pen))
            {
                pens[(color, width)] = pen = new XPen(color, width);
            }

            return pen;
        }
    }

    public static FontFace Face(bool bold) => bold ? FontFace.Bold : FontFace.Regular;

    /// <summary>The height of one line of text at <paramref name="size"/>.</summary>
    public double LineHeight(double size) => size * LineSpacing;
}
