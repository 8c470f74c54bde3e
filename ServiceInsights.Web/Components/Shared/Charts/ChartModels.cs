using System.Globalization;
using ServiceInsights.Web.Exports.Pdf;

namespace ServiceInsights.Web.Components.Shared.Charts;

/// <summary>One point of a line: its value (null when the category has no data, drawn as a gap), whether it rests on a
/// small sample (drawn as a hollow marker) and what its tooltip adds ("样本少 (n = 3)").</summary>
public sealed record LinePoint(double? Value, bool Hollow = false, string? Note = null);

/// <summary>A named line over the chart's categories, one point per category, and its target per category (a dashed line;
/// empty for none).</summary>
public sealed record LineSeries(string Name, IReadOnlyList<LinePoint> Points)
{
    public IReadOnlyList<double?> Target { get; init; } = [];
}

/// <summary>A named series of bars, one value per category (stacked or side by side with the others).</summary>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values);

/// <summary>A limit drawn as a dashed vertical line after category <see cref="AfterIndex"/> ("自产 ≤ 5 个工作日").</summary>
public sealed record BarMark(int AfterIndex, string Label);

/// <summary>
/// What the page charts share with the PDF charts: the series colours (<see cref="ReportTheme.Palette"/>, so a series has
/// one colour on screen and on paper), the scale (<see cref="ChartBlock.NiceAxis"/>, <see cref="ChartBlock.LineAxis"/>) and
/// positions as percentages of the plot, so the text around the plot stays at its CSS size at any width.
/// </summary>
public static class ChartScale
{
    private static readonly IReadOnlyList<string> Palette =
        [.. new ReportTheme().Palette.Select(c => $"#{c.R:X2}{c.G:X2}{c.B:X2}")];

    public static string Colour(int series) => Palette[series % Palette.Count];

    /// <summary>The ticks from <paramref name="bottom"/> to <paramref name="top"/> by <paramref name="step"/>.</summary>
    public static IReadOnlyList<double> Ticks(double bottom, double step, double top) =>
        [.. Enumerable.Range(0, (int)Math.Round((top - bottom) / step) + 1).Select(k => bottom + k * step)];

    /// <summary>An axis for counts from 0: whole-number steps, never "0, 0.5, 1".</summary>
    public static (double Step, double Top) CountAxis(double max)
    {
        var (step, top) = ChartBlock.NiceAxis(max);
        return step < 1 ? (1, Math.Max(1, Math.Ceiling(max))) : (step, top);
    }

    /// <summary>The centre of category <paramref name="index"/> of <paramref name="count"/>, in percent of the plot's width.</summary>
    public static double Centre(int index, int count) => (index + 0.5) / Math.Max(1, count) * 100;

    /// <summary>The height of <paramref name="value"/> on an axis from <paramref name="bottom"/> to <paramref name="top"/>, in percent.</summary>
    public static double Height(double value, double bottom, double top) =>
        top <= bottom ? 0 : (Math.Clamp(value, bottom, top) - bottom) / (top - bottom) * 100;

    /// <summary>A number for a style attribute ("12.5"), whatever the UI culture.</summary>
    public static string Css(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A value as the axis and tooltips write it: "95%", "12.5", "3".</summary>
    public static string Format(double value, string unit) => value.ToString("0.#", CultureInfo.CurrentCulture) + unit;
}
