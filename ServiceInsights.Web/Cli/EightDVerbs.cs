using System.Globalization;
using ServiceInsights.Data.EightD;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Exports.EightD;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Cli;

/// <summary>
/// <c>eightd draft --complaint COMPLAINT_NO [--author NAME]</c>: a prefilled 8D draft from a complaint;
/// <c>eightd NUMBER --format pdf|xlsx [--lang zh-CN|en-US] --out PATH</c>: the form as the editor downloads it.
/// </summary>
public static class EightDVerbs
{
    public static async Task<int> DraftAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var complaintNo = options.Require("complaint");
        var author = options.Get("author") is { Length: > 0 } name ? name : Environment.UserName;
        var draft = await services.GetRequiredService<EightDService>().CreateFromComplaintAsync(complaintNo, author);
        // Only the number, so a script can take it: eightd NUMBER --format pdf … uses it next.
        output.WriteLine(draft.Number);
        return CommandLine.Ok;
    }

    public static async Task<int> ExportAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var number = options.Positional.Count == 1
            ? options.Positional[0]
            : throw new CliUsageException("name one 8D number, e.g. eightd 8D-2026-0001 --format pdf --out 8D.pdf");
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

        var file = await services.GetRequiredService<EightDExport>().ExportAsync(number, format)
                   ?? throw new InvalidOperationException($"unknown 8D number '{number}'");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, file.Content);
        output.WriteLine($"Wrote {path} ({file.Content.Length:N0} bytes): {file.FileName}");
        return CommandLine.Ok;
    }
}
