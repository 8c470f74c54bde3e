using ServiceInsights.Data.EightD;

namespace ServiceInsights.Web.Cli;

/// <summary><c>eightd draft --complaint COMPLAINT_NO [--author NAME]</c>: a prefilled 8D draft from a complaint.</summary>
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
}
