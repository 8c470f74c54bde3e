using ServiceInsights.Data.Domain;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Web.Hosting;
using ServiceInsights.Web.MonthClose;

namespace ServiceInsights.Web.Cli;

/// <summary><c>month close|reopen|status</c>: the month close (月度定版) from the command line, through <see cref="MonthCloser"/>.</summary>
public static class MonthVerbs
{
    public static async Task<int> CloseAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var month = PositionalMonth(options);
        var actor = await ActorAsync(options, services);
        var close = await services.GetRequiredService<MonthCloser>().CloseAsync(month, actor, options.Has("before-month-end"));
        output.WriteLine($"Closed {close.Month} (revision {close.Revision}) as of {close.AsOf:yyyy-MM-dd HH:mm} by {close.ClosedBy}.");
        await WriteFilesAsync(services, close, output);
        return CommandLine.Ok;
    }

    public static async Task<int> ReopenAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        var month = PositionalMonth(options);
        var reason = options.Require("reason");
        var actor = await ActorAsync(options, services);
        var close = await services.GetRequiredService<MonthCloser>().ReopenAsync(month, actor, reason);
        output.WriteLine($"Reopened {close.Month} (revision {close.Revision}, closed on {close.ClosedAt:yyyy-MM-dd HH:mm} by {close.ClosedBy}) " +
                         $"by {close.ReopenedBy}: {close.ReopenReason}");
        return CommandLine.Ok;
    }

    public static async Task<int> StatusAsync(CliOptions options, IServiceProvider services, TextWriter output)
    {
        ReportMonth? month = options.Positional.Count == 0 ? null : PositionalMonth(options);
        var history = await services.GetRequiredService<MonthArchive>().HistoryAsync(month);
        if (history.Count == 0)
        {
            output.WriteLine(month is null ? "No month is closed." : $"{month} has never been closed.");
            return CommandLine.Ok;
        }

        foreach (var close in history)
        {
            var state = close.IsInForce
                ? "closed"
                : $"reopened on {close.ReopenedAt:yyyy-MM-dd HH:mm} by {close.ReopenedBy}: {close.ReopenReason}";
            output.WriteLine($"{close.Month} revision {close.Revision}: closed on {close.ClosedAt:yyyy-MM-dd HH:mm} by {close.ClosedBy}, " +
                             $"as of {close.AsOf:yyyy-MM-dd HH:mm}; {state}");
            await WriteFilesAsync(services, close, output);
        }

        return CommandLine.Ok;
    }

    private static async Task WriteFilesAsync(IServiceProvider services, ClosedMonth close, TextWriter output)
    {
        foreach (var (fileName, language, size) in await services.GetRequiredService<MonthArchive>().FilesOfAsync(close.Id))
        {
            output.WriteLine($"  {language}  {fileName} ({size:N0} bytes)");
        }
    }

    private static ReportMonth PositionalMonth(CliOptions options)
    {
        var text = options.Positional.SingleOrDefault() ?? throw new CliUsageException("name one month, e.g. 2026-10");
        return ReportMonth.TryParse(text, out var month) ? month : throw new CliUsageException($"'{text}' is not a month in the form yyyy-MM");
    }

    /// <summary><c>--by EMAIL</c>, required: a user of the app, whose roles decide (Manager closes, Admin reopens). The
    /// operator at the shell is never taken for a user: the close is a department's signature.</summary>
    private static async Task<MonthCloseActor> ActorAsync(CliOptions options, IServiceProvider services)
    {
        var email = options.Require("by");
        var user = await services.GetRequiredService<UserAccounts>().FindByEmailAsync(email)
            ?? throw new CliUsageException($"--by '{email}' is not the e-mail address of a user");
        return new MonthCloseActor(user.Email, user.Roles);
    }
}
