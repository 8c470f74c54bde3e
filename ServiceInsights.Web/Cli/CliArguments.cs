using System.Globalization;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Settings;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Cli;

/// <summary>The options several verbs share, read one way: month, as-of, format, language, a positive count, the output file.</summary>
public static class CliArguments
{
    /// <summary>
    /// <c>--month yyyy-MM</c> (required) and <c>--asof</c> in the department's local time (null: now), both within the years
    /// of the working calendar, one either side, as the web app reads them (<see cref="ReportPeriod"/>).
    /// </summary>
    public static async Task<(ReportMonth Month, DateTime? AsOf)> PeriodAsync(this CliOptions options, IServiceProvider services)
    {
        var (error, month, asOf) = await ReportPeriod.CheckAsync(options.Require("month"), options.Get("asof"), services.GetRequiredService<SettingsStore>());
        return error is null ? (month, asOf) : throw new CliUsageException("--" + error.TrimEnd('.'));
    }

    /// <summary><c>--month yyyy-MM</c>: required unless a fallback is given.</summary>
    public static ReportMonth Month(this CliOptions options, string? fallback = null)
    {
        var text = fallback is null ? options.Require("month") : options.Get("month") ?? fallback;
        return ReportPeriod.TryReadMonth(text, out var month)
            ? month
            : throw new CliUsageException($"--month '{text}' is not a month in the form yyyy-MM");
    }

    /// <summary><c>--asof</c> in the department's local time; the fallback (null: now) when absent.</summary>
    public static DateTime? AsOf(this CliOptions options, string? fallback = null) =>
        (options.Get("asof") ?? fallback) is not { } text ? null
        : ReportPeriod.TryReadAsOf(text, out var local) ? local
        : throw new CliUsageException($"--asof '{text}' is not a local date-time such as 2026-11-27T00:00");

    /// <summary><c>--format pdf|xlsx</c>, required.</summary>
    public static ExportFormat Format(this CliOptions options)
    {
        var text = options.Require("format");
        return ExportFormats.TryParse(text, out var format) ? format : throw new CliUsageException($"--format '{text}' is not pdf or xlsx");
    }

    /// <summary><c>--lang zh-CN|en-US</c> (default zh-CN), made the current culture so the file is written in it.</summary>
    public static CultureInfo UseLanguage(this CliOptions options)
    {
        var lang = options.Get("lang") ?? Localization.Chinese;
        if (!Localization.Supported.Contains(lang))
        {
            throw new CliUsageException($"--lang '{lang}' is not one of {string.Join(", ", Localization.Supported)}");
        }

        var culture = new CultureInfo(lang);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        return culture;
    }

    /// <summary>A whole number above zero, e.g. <c>--tickets</c>, <c>--runs</c>.</summary>
    public static int PositiveNumber(this CliOptions options, string name, int fallback) =>
        options.Get(name) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
        : throw new CliUsageException($"--{name} must be a positive whole number");

    /// <summary>Writes a report or 8D file to <c>--out</c> (folders created) and says so.</summary>
    public static async Task WriteOutAsync(this CliOptions options, ReportFile file, TextWriter output)
    {
        var path = Path.GetFullPath(options.Require("out"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, file.Content);
        output.WriteLine($"Wrote {path} ({file.Content.Length:N0} bytes): {file.FileName}");
    }
}
