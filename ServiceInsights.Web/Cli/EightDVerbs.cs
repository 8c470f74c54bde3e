using ServiceInsights.Data.EightD;
using ServiceInsights.Web.Exports.EightD;

namespace ServiceInsights.Web.Cli;

/// <summary>
/// <c>eightd draft --complaint COMPLAINT_NO --author EMAIL|NAME [--lang zh-CN|en-US]</c>: a prefilled 8D draft from a
/// complaint, by a user of the app (never the OS user), its sentences in the language given;
/// <c>eightd NUMBER --format pdf|xlsx [--lang zh-CN|en-US] --out PATH</c>: the form as the editor downloads it.
/// </summary>
public static class EightDVerbs
{
    public static async Task<int> DraftAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var complaintNo = options.Require("complaint");
        var author = options.Get("author") is { Length: > 0 } name
            ? name
            : throw new CliUsageException("eightd draft needs --author: the e-mail or name of a user of the app (see users list)");
        var culture = options.UseLanguage();
        var draft = await services.GetRequiredService<EightDService>()
            .CreateFromComplaintAsync(complaintNo, author, culture.TwoLetterISOLanguageName == "zh", options.Has("separate"));
        // Only the number, so a script can take it: eightd NUMBER --format pdf … uses it next.
        output.WriteLine(draft.Number);
        return CommandLine.Ok;
    }

    public static async Task<int> ExportAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var number = options.Positional.Count == 1
            ? options.Positional[0]
            : throw new CliUsageException("name one 8D number, e.g. eightd 8D-2026-0001 --format pdf --out 8D.pdf");
        var format = options.Format();
        options.UseLanguage();

        var file = await services.GetRequiredService<EightDExport>().ExportAsync(number, format)
                   ?? throw new InvalidOperationException($"unknown 8D number '{number}'");
        await options.WriteOutAsync(file, output);
        return CommandLine.Ok;
    }
}
