using PdfSharp.Drawing;

namespace ServiceInsights.Web.Exports.Pdf;

/// <summary>
/// One named series of values, one value per category. A line chart draws a point of <see cref="Hollow"/> as an open
/// circle (a rate on a small sample) and <see cref="Target"/>, when given, as a dashed line in the series' colour.
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values)
{
    public IReadOnlyList<bool> Hollow { get; init; } = [];

    public IReadOnlyList<double> Target { get; init; } = [];
}

/// <summary>A bar chart: one series, or several grouped per category (a legend is drawn for several).</summary>
public sealed record BarChart(string Title, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series)
{
    public CellFormat ValueFormat { get; init; } = CellFormat.Integer;
    public double Height { get; init; } = 190;
    public bool ValueLabels { get; init; } = true;
}

/// <summary>A line chart of one or more series over the categories (months, weeks).</summary>
public sealed record LineChart(string Title, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series)
{
    public CellFormat ValueFormat { get; init; } = CellFormat.Integer;
    public double Height { get; init; } = 190;
}

public sealed record PieSlice(string Label, double Value);

/// <summary>A pie (or donut) of shares, with the percentage on each large enough slice and a legend.</summary>
public sealed record PieChart(string Title, IReadOnlyList<PieSlice> Slices)
{
    public bool Donut { get; init; }
    public CellFormat ValueFormat { get; init; } = CellFormat.Integer;
    public double Height { get; init; } = 170;
}

/// <summary>What the chart blocks share: the title, the legend, the value axis with nice ticks, and category labels.</summary>
public abstract class ChartBlock : PdfBlock
{
    protected abstract string Title { get; }
    protected abstract double ChartHeight { get; }

    public override double StartHeight(PdfFlow flow) => TitleHeight(flow.Theme) + ChartHeight;

    private static double TitleHeight(ReportTheme t) => t.LineHeight(t.BodySize) + 4;

    public sealed override void Render(PdfFlow flow, PdfBlock? next)
    {
        var t = flow.Theme;
        flow.EnsureSpace(StartHeight(flow));
        flow.Graphics.DrawText(PdfCells.Fit(Title, FontFace.Bold, t.BodySize, flow.Width), t.Font(t.BodySize, bold: true), t.Brush(t.Text), flow.Left, flow.Y, t.LineHeight(t.BodySize));
        flow.Y += TitleHeight(t);
        Draw(flow, new XRect(flow.Left, flow.Y, flow.Width, ChartHeight));
        flow.Y += ChartHeight;
    }

    protected abstract void Draw(PdfFlow flow, XRect area);

    /// <summary>Draws the legend entries in one row right-aligned at the top of <paramref name="area"/>; returns its height.</summary>
    protected static double DrawLegend(PdfFlow flow, XRect area, IReadOnlyList<string> names)
    {
        var t = flow.Theme;
        var size = t.SmallSize;
        var line = t.LineHeight(size);
        var font = t.Font(size);
        var widths = names.Select(n => 12 + FontFace.Regular.Width(n, size) + 10).ToList();
        var x = area.Right - widths.Sum();
        x = Math.Max(area.Left, x);
        for (var i = 0; i < names.Count; i++)
        {
            flow.Graphics.DrawRectangle(t.Brush(t.SeriesColor(i)), x, area.Top + line / 2 - 3.5, 8, 7);
            flow.Graphics.DrawText(names[i], font, t.Brush(t.Text), x + 12, area.Top, line);
            x += widths[i];
        }

        return line + 4;
    }

    /// <summary>A "nice" axis for values from 0 to <paramref name="max"/>: the step (1, 2, 2.5 or 5 × 10ⁿ) and the top.</summary>
    public static (double Step, double Top) NiceAxis(double max, int ticks = 4)
    {
        if (max <= 0 || double.IsNaN(max))
        {
            return (1, ticks);
        }

        var rough = max / ticks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * magnitude).First(s => s >= rough);
        return (step, Math.Ceiling(max / step - 1e-9) * step);
    }

    /// <summary>The value axis of a line chart: from 0, or from a nice bottom when every value is far above zero (rates of
    /// 85–95 %), so their changes show. NaN values (no data) are left out.</summary>
    public static (double Bottom, double Step, double Top) LineAxis(IEnumerable<double> values)
    {
        var known = values.Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).ToList();
        var (max, min) = (known.Max(), known.Min());
        var bottom = 0.0;
        if (min > 0 && min > max * 0.5)
        {
            var (roughStep, _) = NiceAxis(max - min);
            bottom = Math.Floor(min / roughStep) * roughStep;
        }

        var (step, span) = NiceAxis(max - bottom);
        return (bottom, step, bottom + span);
    }

    /// <summary>Draws the value axis (grid lines and tick labels) and returns the plot rectangle right of the labels.</summary>
    protected static XRect DrawValueAxis(PdfFlow flow, XRect area, double top, double step, CellFormat format, double bottom = 0)
    {
        var t = flow.Theme;
        var size = t.SmallSize;
        var line = t.LineHeight(size);
        var font = t.Font(size);
        var labels = new List<(double Value, string Text)>();
        for (var k = 0; bottom + k * step <= top + step / 2; k++)
        {
            var v = bottom + k * step;
            labels.Add((v, format.FormatCell(v, flow.Culture, "", "")));
        }

        var labelWidth = labels.Max(l => FontFace.Regular.Width(l.Text, size)) + 6;
        var plot = new XRect(area.Left + labelWidth, area.Top + line / 2, area.Width - labelWidth, area.Height - line / 2 - 2 * line - 4);
        foreach (var (value, text) in labels)
        {
            var y = plot.Bottom - (value - bottom) / (top - bottom) * plot.Height;
            var baseLine = value == bottom;
            flow.Graphics.DrawLine(t.Pen(baseLine ? t.Muted : t.Rule, baseLine ? 0.7 : 0.4), plot.Left, y, plot.Right, y);
            flow.Graphics.DrawTextRight(text, font, t.Brush(t.Muted), plot.Left - 4, y - line / 2, line);
        }

        return plot;
    }

    /// <summary>Draws the category labels under <paramref name="plot"/>, centred in their slots (two lines at most).</summary>
    protected static void DrawCategories(PdfFlow flow, XRect plot, IReadOnlyList<string> categories)
    {
        var t = flow.Theme;
        var size = t.SmallSize;
        var line = t.LineHeight(size);
        var font = t.Font(size);
        var slot = plot.Width / Math.Max(1, categories.Count);
        var lines = new List<TextLine>();
        for (var i = 0; i < categories.Count; i++)
        {
            var text = categories[i];
            TextWrapper.Wrap(text, FontFace.Regular, size, slot - 2, lines);
            var centre = plot.Left + slot * (i + 0.5);
            for (var k = 0; k < Math.Min(2, lines.Count); k++)
            {
                var part = lines[k].Text(text);
                if (k == 1 && lines.Count > 2)
                {
                    part = PdfCells.Fit(part + "…", FontFace.Regular, size, slot - 2);
                }

                flow.Graphics.DrawTextCentred(PdfCells.Fit(part, FontFace.Regular, size, slot - 2), font, t.Brush(t.Text), centre, plot.Bottom + 3 + k * line, line);
            }
        }
    }
}

/// <summary>Bars drawn as vector rectangles, grouped when there are several series, with value labels above them.</summary>
public sealed class BarChartBlock(BarChart chart) : ChartBlock
{
    protected override string Title => chart.Title;
    protected override double ChartHeight => chart.Height;

    protected override void Draw(PdfFlow flow, XRect area)
    {
        var t = flow.Theme;
        var g = flow.Graphics;
        if (chart.Series.Count > 1)
        {
            var legend = DrawLegend(flow, area, chart.Series.Select(s => s.Name).ToList());
            area = new XRect(area.Left, area.Top + legend, area.Width, area.Height - legend);
        }

        var max = chart.Series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
        var (step, top) = NiceAxis(max);
        if (chart.ValueFormat == CellFormat.Integer && step < 1)
        {
            // Counts below 4: whole-number ticks, else the labels read "0, 0, 1, 2, 2".
            (step, top) = (1, Math.Max(1, Math.Ceiling(max)));
        }

        var plot = DrawValueAxis(flow, area, top, step, chart.ValueFormat);
        var count = Math.Max(1, chart.Categories.Count);
        var slot = plot.Width / count;
        var bar = Math.Min(slot * (chart.Series.Count > 1 ? 0.78 : 0.6) / Math.Max(1, chart.Series.Count), 44);
        var group = bar * Math.Max(1, chart.Series.Count);
        var labelSize = t.SmallSize - 0.5;
        var labelFont = t.Font(labelSize);
        var labelLine = t.LineHeight(labelSize);
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var values = chart.Series[s].Values;
            var brush = t.Brush(t.SeriesColor(s));
            for (var i = 0; i < Math.Min(values.Count, chart.Categories.Count); i++)
            {
                var value = Math.Max(0, values[i]);
                var height = value / top * plot.Height;
                var x = plot.Left + slot * i + (slot - group) / 2 + bar * s;
                g.DrawRectangle(brush, x + bar * 0.06, plot.Bottom - height, bar * 0.88, height);
                if (chart.ValueLabels)
                {
                    var text = chart.ValueFormat.FormatCell(values[i], flow.Culture, "", "");
                    if (FontFace.Regular.Width(text, labelSize) <= bar + 4)
                    {
                        g.DrawTextCentred(text, labelFont, t.Brush(t.Text), x + bar / 2, plot.Bottom - height - labelLine, labelLine);
                    }
                }
            }
        }

        DrawCategories(flow, plot, chart.Categories);
    }
}

/// <summary>Lines with point markers over the categories, a value axis with ticks, and a legend.</summary>
public sealed class LineChartBlock(LineChart chart) : ChartBlock
{
    protected override string Title => chart.Title;
    protected override double ChartHeight => chart.Height;

    protected override void Draw(PdfFlow flow, XRect area)
    {
        var t = flow.Theme;
        var g = flow.Graphics;
        var legend = DrawLegend(flow, area, chart.Series.Select(s => s.Name).ToList());
        area = new XRect(area.Left, area.Top + legend, area.Width, area.Height - legend);
        var (bottom, step, top) = LineAxis(chart.Series.SelectMany(s => s.Values.Concat(s.Target)));
        var plot = DrawValueAxis(flow, area, top, step, chart.ValueFormat, bottom);
        var slot = plot.Width / Math.Max(1, chart.Categories.Count);
        for (var i = 0; i < chart.Categories.Count; i++)
        {
            var x = plot.Left + slot * (i + 0.5);
            g.DrawLine(t.Pen(t.Muted, 0.7), x, plot.Bottom, x, plot.Bottom + 2.5);
        }

        XPoint At(int i, double value) => new(plot.Left + slot * (i + 0.5), plot.Bottom - (Math.Clamp(value, bottom, top) - bottom) / (top - bottom) * plot.Height);
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var colour = t.SeriesColor(s);
            var target = chart.Series[s].Target;
            if (target.Count > 0)
            {
                var dashed = new XPen(colour, 0.8) { DashStyle = XDashStyle.Dash };
                var line = Enumerable.Range(0, Math.Min(target.Count, chart.Categories.Count)).Where(i => !double.IsNaN(target[i])).Select(i => At(i, target[i])).ToArray();
                if (line.Length > 1)
                {
                    g.DrawLines(dashed, line);
                }
            }

            var series = chart.Series[s].Values;
            var hollow = chart.Series[s].Hollow;
            var points = new List<(XPoint Point, bool Hollow)>();
            for (var i = 0; i < Math.Min(series.Count, chart.Categories.Count); i++)
            {
                if (double.IsNaN(series[i]))
                {
                    continue;
                }

                points.Add((At(i, series[i]), i < hollow.Count && hollow[i]));
            }

            if (points.Count > 1)
            {
                g.DrawLines(t.Pen(colour, 1.6), [.. points.Select(p => p.Point)]);
            }

            foreach (var (p, open) in points)
            {
                var (radius, fill) = open ? (2.6, t.Brush(XColors.White)) : (2.2, t.Brush(colour));
                g.DrawEllipse(t.Pen(colour, 1.2), fill, p.X - radius, p.Y - radius, 2 * radius, 2 * radius);
            }
        }

        DrawCategories(flow, plot, chart.Categories);
    }
}

/// <summary>Slices drawn as vector pie segments (a donut leaves a hole with the total), percentages on the slices and a legend with values.</summary>
public sealed class PieChartBlock(PieChart chart) : ChartBlock
{
    protected override string Title => chart.Title;
    protected override double ChartHeight => chart.Height;

    protected override void Draw(PdfFlow flow, XRect area)
    {
        var t = flow.Theme;
        var g = flow.Graphics;
        var total = chart.Slices.Sum(s => Math.Max(0, s.Value));
        var diameter = Math.Min(area.Height - 8, area.Width * 0.42);
        var circle = new XRect(area.Left + 20, area.Top + (area.Height - diameter) / 2, diameter, diameter);
        var centre = new XPoint(circle.Left + diameter / 2, circle.Top + diameter / 2);
        var size = t.SmallSize;
        var line = t.LineHeight(size);
        var font = t.Font(size);
        var bold = t.Font(size, bold: true);

        if (total <= 0)
        {
            g.DrawEllipse(t.Pen(t.Rule, 1), circle);
            g.DrawTextCentred(flow.L["Pdf.NoRecords"].Value, font, t.Brush(t.Muted), centre.X, centre.Y - line / 2, line);
            return;
        }

        var angle = -90.0;
        var white = new XPen(XColors.White, 1);
        for (var i = 0; i < chart.Slices.Count; i++)
        {
            var sweep = Math.Max(0, chart.Slices[i].Value) / total * 360;
            if (sweep <= 0)
            {
                continue;
            }

            if (sweep >= 359.99)
            {
                g.DrawEllipse(t.Brush(t.SeriesColor(i)), circle);
            }
            else
            {
                g.DrawPie(white, t.Brush(t.SeriesColor(i)), circle, angle, sweep);
            }

            angle += sweep;
        }

        var hole = chart.Donut ? 0.56 : 0;
        if (chart.Donut)
        {
            var r = diameter / 2 * hole;
            g.DrawEllipse(t.Brush(XColors.White), centre.X - r, centre.Y - r, 2 * r, 2 * r);
            g.DrawTextCentred(flow.L["Pdf.Total"].Value, font, t.Brush(t.Muted), centre.X, centre.Y - line, line);
            g.DrawTextCentred(chart.ValueFormat.FormatCell(total, flow.Culture, "", ""), t.Font(t.BodySize + 1, bold: true), t.Brush(t.Text), centre.X, centre.Y - 1, t.LineHeight(t.BodySize + 1));
        }

        // Percentages on slices of at least 18°.
        angle = -90.0;
        var labelRadius = diameter / 2 * (chart.Donut ? 0.78 : 0.64);
        for (var i = 0; i < chart.Slices.Count; i++)
        {
            var share = Math.Max(0, chart.Slices[i].Value) / total;
            var sweep = share * 360;
            if (sweep >= 18)
            {
                var mid = (angle + sweep / 2) * Math.PI / 180;
                var text = share.ToString("P0", flow.Culture);
                g.DrawTextCentred(text, bold, t.Brush(XColors.White), centre.X + Math.Cos(mid) * labelRadius, centre.Y + Math.Sin(mid) * labelRadius - line / 2, line);
            }

            angle += sweep;
        }

        // Legend: swatch, label, value and percentage, right of the pie.
        var legendLeft = circle.Right + 30;
        var legendRight = Math.Min(area.Right, legendLeft + 260);
        var legendWidth = legendRight - legendLeft;
        var valueWidth = 110.0;
        var y = centre.Y - chart.Slices.Count * (line + 2) / 2;
        for (var i = 0; i < chart.Slices.Count; i++)
        {
            var slice = chart.Slices[i];
            g.DrawRectangle(t.Brush(t.SeriesColor(i)), legendLeft, y + line / 2 - 3.5, 8, 7);
            g.DrawText(PdfCells.Fit(slice.Label, FontFace.Regular, size, legendWidth - valueWidth - 16), font, t.Brush(t.Text), legendLeft + 13, y, line);
            var value = $"{chart.ValueFormat.FormatCell(slice.Value, flow.Culture, "", "")}  ({Math.Max(0, slice.Value) / total:P1})";
            g.DrawTextRight(value, font, t.Brush(t.Muted), legendRight, y, line);
            y += line + 2;
        }
    }
}
