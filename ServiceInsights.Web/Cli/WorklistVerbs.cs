using System.Globalization;
using ServiceInsights.Data.Worklist;

namespace ServiceInsights.Web.Cli;

/// <summary><c>worklist [--staff NAME] [--asof 2026-11-05T09:00] [--json]</c>: the open callback duties, every one (not only this week's).</summary>
public static class WorklistVerbs
{
    public static async Task<int> WorklistAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var asOf = options.AsOf();
        var staff = options.Get("staff");
        var worklist = await services.GetRequiredService<CallbackWorklistQuery>().RunAsync(new WorklistFilter(staff, null, WorklistWindow.All), asOf);
        if (options.Has("json"))
        {
            output.WriteLine(CallbackWorklistJson.Write(worklist));
            return CommandLine.Ok;
        }

        output.WriteLine($"Callback worklist{(staff is null ? "" : " of " + staff)}, as of {worklist.AsOf:yyyy-MM-dd HH:mm} (department time): " +
                         $"{worklist.Items.Count(i => !i.Overdue)} open, {worklist.Items.Count(i => i.Overdue)} overdue");
        output.WriteLine($"{"rule",-6} {"ticket",-16} {"staff",-10} {"due",-16} {"call by",-10} {"attempts",8}  state");
        foreach (var item in worklist.Items)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{item.Rule,-6} {item.TicketNo ?? item.DispatchNo,-16} {item.Staff,-10} {item.Due:yyyy-MM-dd HH:mm} {item.CallBy:yyyy-MM-dd} {item.Attempts,8}  {(item.Overdue ? "overdue" : "open")}"));
        }

        return CommandLine.Ok;
    }
}
