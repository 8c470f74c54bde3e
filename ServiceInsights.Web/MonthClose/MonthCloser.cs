using System.Globalization;
using System.Security.Claims;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;
using ServiceInsights.Web.Components.Shared;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.MonthClose;

/// <summary>
/// Who closes or reopens: the name recorded and the roles held. On the pages it is the signed-in user; on the command line
/// a user named with <c>--by</c>, or the operator at the server's shell (who can reach the database anyway), recorded by
/// their OS user name.
/// </summary>
public sealed record MonthCloseActor(string Name, IReadOnlyList<string> Roles)
{
    /// <summary>Managers close (they present the figures); Admins only reopen.</summary>
    public bool MayClose => Roles.Contains(AppRoles.Manager);

    public bool MayReopen => Roles.Contains(AppRoles.Admin);

    public static MonthCloseActor Of(ClaimsPrincipal user) => new(user.Identity?.Name ?? "", UserIdentity.Roles(user));
}

/// <summary>
/// Closes a month (月度定版): the KPI results at the moment of closing (to the minute), the DP-1 scorecards, the settings and
/// calendar in force and the four monthly reports as PDF and Excel in zh-CN and en-US, all stored in one transaction by
/// <see cref="MonthArchive"/>; and reopens one. The pages and the <c>month</c> verbs go through here.
/// </summary>
public sealed class MonthCloser(
    KpiCache kpi, StaffSatisfactionQuery satisfaction, SettingsStore settings, IEnumerable<ReportDefinition> reports,
    MonthArchive archive, DepartmentClock clock, ILogger<MonthCloser> logger)
{
    /// <param name="beforeMonthEnd">The explicit confirmation that closes the current month before it ends.</param>
    public async Task<ClosedMonth> CloseAsync(ReportMonth month, MonthCloseActor actor, bool beforeMonthEnd = false,
        CancellationToken cancellationToken = default)
    {
        if (!actor.MayClose)
        {
            throw new MonthCloseException($"Only a Manager closes a month; {actor.Name} is {string.Join(", ", actor.Roles.DefaultIfEmpty("without a role"))}.",
                MonthCloseRefusal.OnlyManagerCloses, actor.Name);
        }

        var current = clock.CurrentMonth;
        if (month.CompareTo(current) > 0)
        {
            throw new MonthCloseException($"{month} has not begun (today is {clock.Today:yyyy-MM-dd}); only a month that has begun can be closed.",
                MonthCloseRefusal.NotBegun, month.ToString(), Day(clock.Today));
        }

        if (month.Equals(current) && !beforeMonthEnd)
        {
            throw new MonthCloseException(
                $"{month} has not ended (today is {clock.Today:yyyy-MM-dd}); closing it now freezes figures of an unfinished month. Confirm explicitly to close it anyway.",
                MonthCloseRefusal.NotEnded, month.ToString(), Day(clock.Today));
        }

        if (await archive.FindAsync(month, cancellationToken) is { } closed)
        {
            throw MonthArchive.AlreadyClosed(closed);
        }

        var now = clock.LocalNow;
        var asOf = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Unspecified);
        var report = await kpi.GetAsync(month, asOf, cancellationToken);
        var scorecards = StaffScorecard.From(report, await satisfaction.ForMonthAsync(month, report.AsOf, cancellationToken));
        var files = await ExportAllAsync(month, asOf, cancellationToken);
        var close = await archive.SaveAsync(new MonthCloseDraft(
            month, clock.ToUtc(asOf), actor.Name, report.Summary(), scorecards,
            await settings.GetSlaAsync(cancellationToken), await settings.GetCalendarSettingsAsync(cancellationToken), files), cancellationToken);
        logger.LogInformation("Month {Month} closed by {User} as of {AsOf} (revision {Revision}, {Files} files)",
            month, actor.Name, asOf, close.Revision, files.Count);
        return close;
    }

    public async Task<ClosedMonth> ReopenAsync(ReportMonth month, MonthCloseActor actor, string reason, CancellationToken cancellationToken = default)
    {
        if (!actor.MayReopen)
        {
            throw new MonthCloseException($"Only an Admin reopens a month; {actor.Name} is {string.Join(", ", actor.Roles.DefaultIfEmpty("without a role"))}.",
                MonthCloseRefusal.OnlyAdminReopens, actor.Name);
        }

        var close = await archive.ReopenAsync(month, actor.Name, reason, cancellationToken);
        logger.LogInformation("Month {Month} reopened by {User}: {Reason}", month, actor.Name, close.ReopenReason);
        return close;
    }

    /// <summary>Every report in every language and format, each report loaded once and written as its downloads write it.</summary>
    private async Task<IReadOnlyList<ArchivedFile>> ExportAllAsync(ReportMonth month, DateTime asOf, CancellationToken cancellationToken)
    {
        var files = new List<ArchivedFile>();
        foreach (var report in reports)
        {
            files.AddRange((await report.ExportEachAsync(month, asOf, ReportEdition.All, cancellationToken)).Select(written =>
                new ArchivedFile(report.Segment, ExportFormats.Extension(written.Edition.Format), written.Edition.Language, written.File.FileName,
                    written.File.ContentType, written.File.Content)));
        }

        return files;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A report's download for a month: the archived file of the close in force when the month is closed and no as-of is asked
/// (byte for byte what was closed), the live file otherwise. The endpoints and the <c>report</c> verb both come here.
/// </summary>
public static class ArchivedDownloads
{
    public static async Task<ReportFile> ExportOrArchivedAsync(this ReportDefinition report, MonthArchive archive, ReportMonth month, DateTime? asOfLocal,
        ExportFormat format, CancellationToken cancellationToken = default)
    {
        if (asOfLocal is null && await report.ArchivedAsync(archive, month, format, cancellationToken) is { } archived)
        {
            return archived;
        }

        return await report.ExportAsync(month, asOfLocal, format, cancellationToken);
    }

    /// <summary>The archived file of the close in force in the current UI language, or null when the month is not closed.</summary>
    public static async Task<ReportFile?> ArchivedAsync(this ReportDefinition report, MonthArchive archive, ReportMonth month, ExportFormat format,
        CancellationToken cancellationToken = default)
    {
        return await archive.FileAsync(month, report.Segment, ExportFormats.Extension(format), Localization.Current, cancellationToken) is { } file
            ? new ReportFile(file.FileName, file.ContentType, file.Content)
            : null;
    }
}
