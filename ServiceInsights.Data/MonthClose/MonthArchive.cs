using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Domain.Metrics;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;

namespace ServiceInsights.Data.MonthClose;

/// <summary>
/// A close of a month as the pages, the downloads and the verbs see it. Times are in the department's time zone.
/// <see cref="IsInForce"/>: not reopened since.
/// </summary>
public sealed record ClosedMonth(
    long Id, ReportMonth Month, int Revision, DateTime ClosedAt, string ClosedBy, DateTime AsOf, bool CalendarComplete,
    DateTime? ReopenedAt, string? ReopenedBy, string? ReopenReason)
{
    public bool IsInForce => ReopenedAt is null;
}

/// <summary>A closed month's close in force and its frozen KPI report.</summary>
public sealed record FrozenMonth(ClosedMonth Close, KpiReport Report);

/// <summary>One archived file: report segment ("kpi"), format ("pdf"), language ("zh-CN"), name, type and bytes.</summary>
public sealed record ArchivedFile(string Report, string Format, string Language, string FileName, string ContentType, byte[] Content);

/// <summary>What a close stores: the month, the as-of (UTC), who, the engine's report, the scorecards, the settings and the files.</summary>
public sealed record MonthCloseDraft(
    ReportMonth Month, DateTime AsOfUtc, string ClosedBy, KpiReport Report, IReadOnlyList<StaffScorecard> Scorecards,
    SlaSettings Sla, CalendarSettings Calendar, IReadOnlyList<ArchivedFile> Files);

/// <summary>A rule whose live figures differ from the frozen ones (late data).</summary>
public sealed record MovedRule(string Id, MetricResult Frozen, MetricResult Live);

/// <summary>Closing, reopening or reading a close failed for a reason the user must read (already closed, no reason given…).</summary>
public sealed class MonthCloseException(string message, MonthCloseRefusal reason, params object[] args)
    : RefusalException<MonthCloseRefusal>(message, reason, args);

/// <summary>Why a close or a reopening was refused; each has its sentence in the UI's resources.</summary>
public enum MonthCloseRefusal
{
    /// <summary>Only a Manager closes a month. Args: the user's name.</summary>
    OnlyManagerCloses,

    /// <summary>Only an Admin reopens a month. Args: the user's name.</summary>
    OnlyAdminReopens,

    /// <summary>The month has not begun. Args: month, today.</summary>
    NotBegun,

    /// <summary>The month has not ended and closing early was not confirmed. Args: month, today.</summary>
    NotEnded,

    /// <summary>The month is closed already. Args: month, closed at, closed by.</summary>
    AlreadyClosed,

    /// <summary>Someone else closed it at the same moment. Args: month.</summary>
    ClosedMeanwhile,

    /// <summary>A reopening needs a reason. Args: month.</summary>
    ReasonRequired,

    /// <summary>The reason is too long. Args: the longest length.</summary>
    ReasonTooLong,

    /// <summary>The month is not closed. Args: month.</summary>
    NotClosed,
}

/// <summary>
/// The archive of closed months in the database (SQLite or SQL Server alike, so every app instance sees the same one):
/// the frozen rule results, scorecards, settings and the reports' files of each close, reopenings with their reason,
/// and the closes before the one in force (their files kept). Every read goes to the database: another instance may
/// have closed or reopened the month a moment ago.
/// </summary>
public sealed class MonthArchive(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The close in force for the month, or null when the month is open.</summary>
    public async Task<ClosedMonth?> FindAsync(ReportMonth month, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var key = month.ToString();
        var record = await db.MonthCloses.AsNoTracking()
            .Where(c => c.Month == key && c.ReopenedAt == null)
            .SingleOrDefaultAsync(cancellationToken);
        return record is null ? null : ToClosedMonth(record);
    }

    /// <summary>Every close, in force or reopened, newest first; of one month when given.</summary>
    public async Task<IReadOnlyList<ClosedMonth>> HistoryAsync(ReportMonth? month = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.MonthCloses.AsNoTracking();
        if (month is { } m)
        {
            var key = m.ToString();
            query = query.Where(c => c.Month == key);
        }

        var records = await query.OrderByDescending(c => c.Month).ThenByDescending(c => c.Revision).ToListAsync(cancellationToken);
        return [.. records.Select(ToClosedMonth)];
    }

    /// <summary>The close in force and its frozen KPI report (counts, rates and targets; no verdicts), or null when open.</summary>
    public async Task<FrozenMonth?> FrozenAsync(ReportMonth month, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var key = month.ToString();
        var close = await db.MonthCloses.AsNoTracking()
            .Where(c => c.Month == key && c.ReopenedAt == null)
            .Include(c => c.Rules)
            .SingleOrDefaultAsync(cancellationToken);
        return close is null ? null : new FrozenMonth(ToClosedMonth(close), ReportOf(close));
    }

    /// <summary>The frozen KPI reports of those of <paramref name="months"/> that are closed.</summary>
    public async Task<IReadOnlyDictionary<ReportMonth, KpiReport>> FrozenReportsAsync(IReadOnlyCollection<ReportMonth> months,
        CancellationToken cancellationToken = default)
    {
        var keys = months.Select(m => m.ToString()).ToList();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var closes = await db.MonthCloses.AsNoTracking()
            .Where(c => keys.Contains(c.Month) && c.ReopenedAt == null)
            .Include(c => c.Rules)
            .ToListAsync(cancellationToken);
        return closes.ToDictionary(c => ReportMonth.Parse(c.Month), ReportOf);
    }

    private KpiReport ReportOf(MonthCloseRecord close) => new(
        ReportMonth.Parse(close.Month), clock.ToLocal(close.AsOf), close.CalendarComplete,
        [
            .. close.Rules.OrderBy(r => r.Position).Select(r => new MetricResult(
                r.RuleId, Enum.Parse<MetricGroup>(r.Group), r.Eligible, r.Met, r.Pending, r.Rate,
                new BilingualText(r.TargetChinese, r.TargetEnglish), [])),
        ]);

    /// <summary>The frozen staff scorecards (DP-1) of a closed month, or null when open.</summary>
    public async Task<IReadOnlyList<StaffScorecard>?> FrozenScorecardsAsync(ReportMonth month, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var key = month.ToString();
        var close = await db.MonthCloses.AsNoTracking()
            .Where(c => c.Month == key && c.ReopenedAt == null)
            .Include(c => c.Scorecards)
            .SingleOrDefaultAsync(cancellationToken);
        return close is null ? null : [.. close.Scorecards.Select(s => JsonSerializer.Deserialize<StaffScorecard>(s.Json, Json)!)];
    }

    /// <summary>An archived file of the close in force, or null when the month is open.</summary>
    public async Task<ArchivedFile?> FileAsync(ReportMonth month, string report, string format, string language,
        CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var key = month.ToString();
        return await db.MonthCloses.AsNoTracking()
            .Where(c => c.Month == key && c.ReopenedAt == null)
            .SelectMany(c => c.Files)
            .Where(f => f.Report == report && f.Format == format && f.Language == language)
            .Select(f => new ArchivedFile(f.Report, f.Format, f.Language, f.FileName, f.ContentType, f.Content))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The files of one close (in force or not) without their bytes: name and size.</summary>
    public async Task<IReadOnlyList<(string FileName, string Language, long Size)>> FilesOfAsync(long closeId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var files = await db.MonthCloseFiles.AsNoTracking()
            .Where(f => f.MonthCloseId == closeId)
            .OrderBy(f => f.Language).ThenBy(f => f.Report).ThenBy(f => f.Format)
            .Select(f => new { f.FileName, f.Language, Size = (long)f.Content.Length })
            .ToListAsync(cancellationToken);
        return [.. files.Select(f => (f.FileName, f.Language, f.Size))];
    }

    /// <summary>
    /// Stores a close in one transaction. Fails when the month is already closed (naming when and by whom), including when
    /// another instance closed it between the check and the write (the unique month and revision).
    /// </summary>
    public async Task<ClosedMonth> SaveAsync(MonthCloseDraft draft, CancellationToken cancellationToken = default)
    {
        var key = draft.Month.ToString();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var closes = await db.MonthCloses.Where(c => c.Month == key).ToListAsync(cancellationToken);
        if (closes.SingleOrDefault(c => c.ReopenedAt == null) is { } current)
        {
            throw AlreadyClosed(ToClosedMonth(current));
        }

        var record = new MonthCloseRecord
        {
            Month = key,
            Revision = closes.Count == 0 ? 1 : closes.Max(c => c.Revision) + 1,
            ClosedAt = clock.UtcNow,
            ClosedBy = draft.ClosedBy,
            AsOf = draft.AsOfUtc,
            CalendarComplete = draft.Report.CalendarComplete,
            SettingsJson = JsonSerializer.Serialize(draft.Sla, Json),
            CalendarJson = JsonSerializer.Serialize(new { draft.Calendar.Years, draft.Calendar.Edits, draft.Calendar.Hours }, Json),
            Rules =
            [
                .. draft.Report.Results.Select((r, i) => new MonthCloseRule
                {
                    RuleId = r.Id, Position = i, Group = r.Group.ToString(), Eligible = r.Eligible, Met = r.Met, Pending = r.Pending,
                    Rate = r.Rate, TargetChinese = r.Target.Chinese, TargetEnglish = r.Target.English,
                }),
            ],
            Scorecards = [.. draft.Scorecards.Select(s => new MonthCloseScorecard { Staff = s.Staff, Json = JsonSerializer.Serialize(s, Json) })],
            Files =
            [
                .. draft.Files.Select(f => new MonthCloseFile
                {
                    Report = f.Report, Format = f.Format, Language = f.Language, FileName = f.FileName, ContentType = f.ContentType, Content = f.Content,
                }),
            ],
        };
        db.MonthCloses.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            throw new MonthCloseException($"{key} was closed by someone else at the same moment; nothing was stored. Run 'month status' to see the close.",
                MonthCloseRefusal.ClosedMeanwhile, key);
        }

        await transaction.CommitAsync(cancellationToken);
        return ToClosedMonth(record);
    }

    /// <summary>Reopens the close in force: who and why are kept on it; its figures and files stay in the history.</summary>
    public async Task<ClosedMonth> ReopenAsync(ReportMonth month, string by, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new MonthCloseException($"Reopening {month} needs a reason.", MonthCloseRefusal.ReasonRequired, month.ToString());
        }

        if (reason.Trim().Length > MonthCloseColumns.ReasonLength)
        {
            throw new MonthCloseException($"The reason is longer than {MonthCloseColumns.ReasonLength} characters.", MonthCloseRefusal.ReasonTooLong,
                MonthCloseColumns.ReasonLength);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var key = month.ToString();
        var close = await db.MonthCloses.Where(c => c.Month == key && c.ReopenedAt == null).SingleOrDefaultAsync(cancellationToken)
            ?? throw new MonthCloseException($"{month} is not closed; there is nothing to reopen.", MonthCloseRefusal.NotClosed, month.ToString());
        close.ReopenedAt = clock.UtcNow;
        close.ReopenedBy = by;
        close.ReopenReason = reason.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return ToClosedMonth(close);
    }

    /// <summary>The rules whose live counts (eligible, met or pending) differ from the frozen ones, in the dictionary's order.</summary>
    public static IReadOnlyList<MovedRule> Moved(KpiReport frozen, KpiReport live) =>
    [
        .. frozen.Results
            .Select(f => (Frozen: f, Live: live.Results.SingleOrDefault(l => l.Id == f.Id)))
            .Where(p => p.Live is not null && (p.Live.Eligible != p.Frozen.Eligible || p.Live.Met != p.Frozen.Met || p.Live.Pending != p.Frozen.Pending))
            .Select(p => new MovedRule(p.Frozen.Id, p.Frozen, p.Live!)),
    ];

    public static MonthCloseException AlreadyClosed(ClosedMonth close) => new(
        $"{close.Month} is already closed (on {close.ClosedAt:yyyy-MM-dd HH:mm} by {close.ClosedBy}); an Admin must reopen it first.",
        MonthCloseRefusal.AlreadyClosed, close.Month.ToString(), close.ClosedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), close.ClosedBy);

    private ClosedMonth ToClosedMonth(MonthCloseRecord r) => new(
        r.Id, ReportMonth.Parse(r.Month), r.Revision, clock.ToLocal(r.ClosedAt), r.ClosedBy, clock.ToLocal(r.AsOf), r.CalendarComplete,
        clock.ToLocal(r.ReopenedAt), r.ReopenedBy, r.ReopenReason);
}
