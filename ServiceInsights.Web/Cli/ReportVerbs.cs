using System.Globalization;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Cli;

/// <summary>
/// <c>report callbacks|complaints|repairs|kpi --month YYYY-MM [--asof …] --format pdf|xlsx [--lang zh-CN|en-US] --out PATH</c>:
/// the same file the report page downloads.
/// </summary>
public static class ReportVerbs
{
    public static async Task<int> ReportAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var kindText = options.Positional.SingleOrDefault()
            ?? throw new CliUsageException($"name one report: {string.Join('|', ReportCatalog.All.Select(ReportCatalog.Segment))}");
        var kind = ReportCatalog.All.Where(k => ReportCatalog.Segment(k) == kindText.ToLowerInvariant()).Cast<ReportKind?>().SingleOrDefault()
            ?? throw new CliUsageException($"unknown report '{kindText}'; one of {string.Join('|', ReportCatalog.All.Select(ReportCatalog.Segment))}");

        var monthText = options.Require("month");
        if (!ReportMonth.TryParse(monthText, out var month))
        {
            throw new CliUsageException($"--month '{monthText}' is not a month in the form yyyy-MM");
        }

        DateTime? asOf = null;
        if (options.Get("asof") is { } asOfText)
        {
            asOf = KpiService.TryParseAsOf(asOfText, out var local)
                ? local
                : throw new CliUsageException($"--asof '{asOfText}' is not a local date-time such as 2026-11-27T00:00");
        }

        var formatText = options.Require("format");
        if (!ReportCatalog.TryParseFormat(formatText, out var format))
        {
            throw new CliUsageException($"--format '{formatText}' is not pdf or xlsx");
        }

        var lang = options.Get("lang") ?? Localization.Chinese;
        if (!Localization.Supported.Contains(lang))
        {
            throw new CliUsageException($"--lang '{lang}' is not one of {string.Join(", ", Localization.Supported)}");
        }

        var path = Path.GetFullPath(options.Require("out"));
        var culture = new CultureInfo(lang);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;

        var export = services.GetServices<IReportExport>().Single(e => e.Kind == kind);
        var file = await export.ExportAsync(month, asOf, format);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, file.Content);
        output.WriteLine($"Wrote {path} ({file.Content.Length:N0} bytes): {ReportCatalog.FileName(kind, month, format, culture)}");
        return CommandLine.Ok;
    }
}
