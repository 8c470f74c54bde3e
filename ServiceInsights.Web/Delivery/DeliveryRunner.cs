using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ServiceInsights.Data.Delivery;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Data.Settings;
using ServiceInsights.Web.Components.Pages.Kpi;
using ServiceInsights.Web.Exports;
using ServiceInsights.Web.MonthClose;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Web.Delivery;

/// <summary><c>Delivery:*</c>: how often a failed send is tried and how long to wait between tries.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Attempts in all, the first included; then the send is Failed and the Admin page shows it.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the second attempt; each later wait is four times the one before (1, 4, 16, 64 min).</summary>
    public int RetryBaseSeconds { get; set; } = 60;

    /// <summary>How often the scheduler looks for due sends, closed months and retries.</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>False: no scheduler in this instance (the verb and the page's buttons still send).</summary>
    public bool SchedulerEnabled { get; set; } = true;

    public TimeSpan RetryDelay(int attempts) => TimeSpan.FromSeconds(RetryBaseSeconds * Math.Pow(4, Math.Max(0, attempts - 1)));
}

/// <summary>
/// What to send: a month's mails of one subscription, of every enabled one, or of an ad-hoc list of users (<c>--to</c>),
/// for an occasion. <see cref="Revision"/> is the close's revision for <see cref="DeliveryOccasion.Closed"/>.
/// </summary>
public sealed record DeliveryRequest(ReportMonth Month, DeliveryOccasion Occasion, string? Subscription = null, IReadOnlyList<string>? To = null,
    bool DryRun = false, int Revision = 0, string? Language = null);

public enum DeliveryResult { Sent, Previewed, AlreadySent, Failed, Retrying, Refused }

/// <summary>
/// One recipient's outcome; <see cref="Mail"/> is the rendered mail (also for a preview). A refused or failed one has its
/// <see cref="Error"/> in English (the verb, the log) and its <see cref="Failure"/> kind with the <see cref="Detail"/> for a page.
/// </summary>
public sealed record DeliveryOutcome(string Subscription, string Recipient, DeliveryResult Result, IReadOnlyList<string> Files, string? Error,
    DeliveryMail? Mail = null, DeliveryFailure? Failure = null, string? Detail = null);

/// <summary>
/// Sends a month's report mails: the scheduler's job, the page's "send now" and "preview" and the <c>deliver run</c> verb all
/// come here. Each mail is claimed in the delivery log under its unique key before it goes out, so two instances (or two
/// fires) never send it twice; a failure is logged with the reason and tried again with back-off up to
/// <see cref="DeliveryOptions.MaxAttempts"/>, and one failing mail never stops the others.
/// </summary>
public sealed class DeliveryRunner(
    DeliveryStore store, DeliveryRecipients recipients, MonthArchive archive, KpiCache kpi,
    SettingsStore settings, SmtpMailSender sender, IStringLocalizer<SharedResource> text, DepartmentClock clock,
    IOptionsMonitor<DeliveryOptions> options, ILogger<DeliveryRunner> logger)
{
    /// <summary>The ad-hoc subscription of <c>--to</c> without <c>--subscription</c>: every report, PDF and Excel.</summary>
    public const string AdHoc = "--to";

    /// <summary>How long after a close an on-close subscription still sends it (an instance that was down catches up within this).</summary>
    public static readonly TimeSpan OnCloseWindow = TimeSpan.FromDays(7);

    public async Task<IReadOnlyList<DeliveryOutcome>> RunAsync(DeliveryRequest request, CancellationToken cancellationToken = default)
    {
        var subscriptions = await SubscriptionsOfAsync(request, cancellationToken);
        var outcomes = new List<DeliveryOutcome>();
        foreach (var subscription in subscriptions)
        {
            outcomes.AddRange(await RunSubscriptionAsync(subscription, request, cancellationToken));
        }

        return outcomes;
    }

    /// <summary>
    /// The scheduler's round: every enabled subscription whose dated send of last month is due and not yet made, every close
    /// made since a subscription asked for it, and every failed send whose next attempt has come.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryOutcome>> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var outcomes = new List<DeliveryOutcome>();
        var localNow = clock.LocalNow;
        var calendar = await settings.GetCalendarAsync(cancellationToken);
        var reportMonth = DeliverySchedule.ReportMonthSentIn(localNow);
        foreach (var subscription in (await store.SubscriptionsAsync(cancellationToken)).Where(s => s.Enabled))
        {
            try
            {
                if (subscription.WorkingDay is { } day
                    && DeliverySchedule.DueOf(calendar, reportMonth, day, subscription.At) is var due
                    && localNow >= due.Local && clock.ToLocal(subscription.CreatedAtUtc) < due.Local)
                {
                    outcomes.AddRange(await RunSubscriptionAsync(subscription, new DeliveryRequest(reportMonth, DeliveryOccasion.WorkingDay), cancellationToken));
                }

                if (subscription.OnClose)
                {
                    // Closes since the subscription was made, and within the last OnCloseWindow: a round never walks the whole history.
                    var since = new[] { subscription.CreatedAtUtc, clock.UtcNow - OnCloseWindow }.Max();
                    foreach (var (month, revision) in await store.ClosesSinceAsync(since, cancellationToken))
                    {
                        outcomes.AddRange(await RunSubscriptionAsync(subscription,
                            new DeliveryRequest(month, DeliveryOccasion.Closed, Revision: revision), cancellationToken));
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One subscription's trouble (a month without working days in the calendar…) never stops the others.
                logger.LogError(ex, "Delivery: the subscription {Subscription} could not be run: {Error}", subscription.Name, ex.Message);
            }
        }

        foreach (var send in await store.DueRetriesAsync(cancellationToken))
        {
            outcomes.Add(await RetryAsync(send, cancellationToken));
        }

        return outcomes;
    }

    /// <summary>The dated send of a subscription for the report month, as the page shows it ("the last working day" when N is too large).</summary>
    public async Task<DeliveryDue?> NextDueAsync(DeliverySubscription subscription, CancellationToken cancellationToken = default)
    {
        if (subscription.WorkingDay is not { } day)
        {
            return null;
        }

        var calendar = await settings.GetCalendarAsync(cancellationToken);
        var month = DeliverySchedule.ReportMonthSentIn(clock.LocalNow);
        var due = DeliverySchedule.DueOf(calendar, month, day, subscription.At);
        return due.Local > clock.LocalNow ? due : DeliverySchedule.DueOf(calendar, month.Next, day, subscription.At);
    }

    private async Task<IReadOnlyList<DeliverySubscription>> SubscriptionsOfAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        if (request.Subscription is { } name)
        {
            return [await store.FindAsync(name, cancellationToken) ?? throw new InvalidSubscriptionException($"There is no subscription named '{name}'.", SubscriptionRefusal.NoSuchSubscription, name)];
        }

        if (request.To is not null)
        {
            return [new DeliverySubscription(0, AdHoc, [.. recipients.Reports.Select(r => r.Segment)], [.. ExportFormats.All.Select(ExportFormats.Extension)],
                request.Language ?? Localization.Chinese, [], request.To, null, default, false, true)];
        }

        return [.. (await store.SubscriptionsAsync(cancellationToken)).Where(s => s.Enabled)];
    }

    private async Task<IReadOnlyList<DeliveryOutcome>> RunSubscriptionAsync(DeliverySubscription subscription, DeliveryRequest request,
        CancellationToken cancellationToken)
    {
        var (people, unknown) = await recipients.ResolveAsync(subscription, request.To, cancellationToken);
        var outcomes = new List<DeliveryOutcome>();
        foreach (var email in unknown)
        {
            outcomes.Add(await RefuseAsync(subscription, request, email, [], NotAUser(email), cancellationToken));
        }

        var files = Files(subscription, request.Month);
        foreach (var recipient in people)
        {
            if (recipient.Permitted.Count == 0)
            {
                outcomes.Add(await RefuseAsync(subscription, request, recipient.Email, recipient.Refused, NotPermitted(recipient, subscription), cancellationToken));
                continue;
            }

            outcomes.Add(await SendOneAsync(subscription, request, recipient, files, cancellationToken));
        }

        return outcomes;
    }

    private async Task<DeliveryOutcome> SendOneAsync(DeliverySubscription subscription, DeliveryRequest request, DeliveryRecipient recipient,
        FileCache files, CancellationToken cancellationToken)
    {
        var key = KeyOf(subscription, request, recipient.Email);
        if (request.DryRun)
        {
            var preview = await ComposeAsync(subscription, request.Month, recipient, files, cancellationToken);
            return new DeliveryOutcome(subscription.Name, recipient.Email, DeliveryResult.Previewed, Names(preview), null, preview);
        }

        var closed = (await files.FiguresAsync(cancellationToken)).Frozen is not null;
        var planned = FormatsAndKinds(subscription, recipient).Select(p => p.Kind.Names.FileName(request.Month, p.Format, new CultureInfo(subscription.Language)));
        if (await store.TryClaimAsync(key, subscription.Id == 0 ? null : subscription, subscription.Name, request.Month, request.Occasion, recipient.Email,
                [.. planned], [.. recipient.Refused.Select(k => k.Segment)], closed, cancellationToken) is not { } id)
        {
            return new DeliveryOutcome(subscription.Name, recipient.Email, DeliveryResult.AlreadySent, [], null);
        }

        return await AttemptAsync(id, 1, subscription, request.Month, recipient, files, cancellationToken);
    }

    /// <summary>Another attempt of a failed send, claimed first so two instances never both try it.</summary>
    private async Task<DeliveryOutcome> RetryAsync(DeliverySend send, CancellationToken cancellationToken)
    {
        if (!await store.TryClaimRetryAsync(send.Id, send.Attempts, cancellationToken))
        {
            return new DeliveryOutcome(send.Subscription, send.Recipient, DeliveryResult.AlreadySent, [], null);
        }

        try
        {
            var subscription = (send.SubscriptionId is { } id ? await store.FindAsync(id, cancellationToken) : null)
                ?? throw new DeliveryFailedException($"The subscription '{send.Subscription}' was deleted; the send is given up.", DeliveryFailure.Deleted);
            var month = ReportMonth.Parse(send.Month);
            // Since the first attempt the user may have been deleted, or their role changed.
            var (people, _) = await recipients.ResolveAsync(subscription, [send.Recipient], cancellationToken);
            var recipient = people.SingleOrDefault() is not { } person ? throw NotAUser(send.Recipient)
                : person.Permitted.Count == 0 ? throw NotPermitted(person, subscription)
                : person;
            return await AttemptAsync(send.Id, send.Attempts + 1, subscription, month, recipient, Files(subscription, month), cancellationToken);
        }
        catch (DeliveryFailedException ex)
        {
            await store.MarkFailedAsync(send.Id, ex.Reason, ex.Detail, null, cancellationToken);
            logger.LogWarning("Delivery {Key} to {Recipient} given up: {Error}", send.Key, send.Recipient, ex.Message);
            return new DeliveryOutcome(send.Subscription, send.Recipient, DeliveryResult.Failed, [], ex.Message, Failure: ex.Reason, Detail: ex.Detail);
        }
    }

    private async Task<DeliveryOutcome> AttemptAsync(long id, int attempt, DeliverySubscription subscription, ReportMonth month,
        DeliveryRecipient recipient, FileCache files, CancellationToken cancellationToken)
    {
        DeliveryMail? mail = null;
        try
        {
            mail = await ComposeAsync(subscription, month, recipient, files, cancellationToken);
            await sender.SendAsync(mail, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var max = options.CurrentValue.MaxAttempts;
            // An ad-hoc --to send has no subscription to compose it again from: the verb reports it, nothing retries it.
            DateTime? next = attempt < max && subscription.Id != 0 ? clock.UtcNow + options.CurrentValue.RetryDelay(attempt) : null;
            // The delivery log keeps the kind, which the page words, and the detail beneath it (what the server said, or the
            // exception of a mail that could not be built); the verb and the log file print the English sentence.
            var (failure, detail, error) = ex is DeliveryFailedException failed ? (failed.Reason, failed.Detail, failed.Message)
                : (mail is null ? DeliveryFailure.Compose : DeliveryFailure.Internal, $"{ex.GetType().Name}: {ex.Message}", $"{ex.GetType().Name}: {ex.Message}");
            await store.MarkFailedAsync(id, failure, detail, next, CancellationToken.None);
            logger.LogWarning("Delivery of {Subscription} {Month} to {Recipient} failed (attempt {Attempt} of {Max}): {Error}; {Next}",
                subscription.Name, month, recipient.Email, attempt, max, error,
                next is { } at ? $"next attempt at {clock.ToLocal(at):yyyy-MM-dd HH:mm:ss}" : "no further attempt");
            return new DeliveryOutcome(subscription.Name, recipient.Email, next is null ? DeliveryResult.Failed : DeliveryResult.Retrying,
                mail is null ? [] : Names(mail), error, mail, failure, detail);
        }

        // The server has taken the mail: from here on nothing may send it again. A failure to record it leaves the row in
        // Sending (at most once, decision 027) instead of scheduling a retry that would mail the recipient twice.
        try
        {
            await store.MarkSentAsync(id, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Delivery of {Subscription} {Month} to {Recipient} was sent, but recording it failed; it stays Sending and is not sent again",
                subscription.Name, month, recipient.Email);
        }

        logger.LogInformation("Delivery of {Subscription} {Month} sent to {Recipient} ({Files} files, attempt {Attempt})",
            subscription.Name, month, recipient.Email, mail.Attachments.Count, attempt);
        return new DeliveryOutcome(subscription.Name, recipient.Email, DeliveryResult.Sent, Names(mail), null, mail);
    }

    private async Task<DeliveryOutcome> RefuseAsync(DeliverySubscription subscription, DeliveryRequest request, string email,
        IReadOnlyList<ReportDefinition> refused, DeliveryFailedException reason, CancellationToken cancellationToken)
    {
        if (!request.DryRun && await store.TryClaimAsync(KeyOf(subscription, request, email), subscription.Id == 0 ? null : subscription,
                subscription.Name, request.Month, request.Occasion, email, [], [.. refused.Select(k => k.Segment)], false, cancellationToken) is { } id)
        {
            await store.MarkFailedAsync(id, reason.Reason, reason.Detail, null, cancellationToken);
            logger.LogWarning("Delivery of {Subscription} {Month} to {Recipient} refused: {Reason}", subscription.Name, request.Month, email, reason.Message);
        }

        return new DeliveryOutcome(subscription.Name, email, DeliveryResult.Refused, [], reason.Message, Failure: reason.Reason, Detail: reason.Detail);
    }

    private static DeliveryFailedException NotAUser(string email) =>
        new($"{email} is not the e-mail address of a user; only users receive reports.", DeliveryFailure.NotAUser);

    private static DeliveryFailedException NotPermitted(DeliveryRecipient recipient, DeliverySubscription subscription) =>
        new($"{recipient.Email} ({string.Join(", ", recipient.Roles.DefaultIfEmpty("no role"))}) may open none of the reports of '{subscription.Name}'.",
            DeliveryFailure.NotPermitted);

    /// <summary>The mail in the subscription's language: the headline figures from the KPI results and the files.</summary>
    private async Task<DeliveryMail> ComposeAsync(DeliverySubscription subscription, ReportMonth month, DeliveryRecipient recipient, FileCache files,
        CancellationToken cancellationToken)
    {
        var attachments = new List<ReportFile>();
        foreach (var (kind, format) in FormatsAndKinds(subscription, recipient))
        {
            attachments.Add(await files.GetAsync(kind, format, cancellationToken));
        }

        var (frozen, report) = await files.FiguresAsync(cancellationToken);
        using (Localization.Use(subscription.Language))
        {
            var lines = new List<string>
            {
                text["Delivery.Mail.Greeting", recipient.Name],
                "",
                text["Delivery.Mail.Intro", month.ToString(), string.Join(text["Delivery.Mail.ListSeparator"], recipient.Permitted.Select(k => text[k.Names.TitleKey].Value))],
                frozen is { Close: var close }
                    ? text["Delivery.Mail.Closed", close.ClosedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), close.ClosedBy]
                    : text["Delivery.Mail.NotClosed", report.AsOf.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)],
                "",
                text["Delivery.Mail.Headline"],
            };
            foreach (var id in KpiText.Headline)
            {
                var result = report[id];
                lines.Add(text["Delivery.Mail.Figure", id, text[KpiText.NameKey(id)].Value, KpiText.RateOrNoData(result.Rate, text),
                    result.Met, result.Eligible, KpiText.TargetPercent(report.TargetRateOf(id))]);
            }

            if (recipient.Refused.Count > 0)
            {
                lines.Add("");
                lines.Add(text["Delivery.Mail.Refused", string.Join(text["Delivery.Mail.ListSeparator"], recipient.Refused.Select(k => text[k.Names.TitleKey].Value))]);
            }

            lines.Add("");
            lines.Add(text["Delivery.Mail.Footer", subscription.Name]);
            var subject = frozen is null ? text["Delivery.Mail.SubjectNotClosed", month.ToString()] : text["Delivery.Mail.Subject", month.ToString()];
            return new DeliveryMail(recipient.Email, subject, string.Join('\n', lines), attachments);
        }
    }

    private static IEnumerable<(ReportDefinition Kind, ExportFormat Format)> FormatsAndKinds(DeliverySubscription subscription, DeliveryRecipient recipient) =>
        from kind in recipient.Permitted from format in DeliveryRecipients.FormatsOf(subscription) select (kind, format);

    /// <summary>"sub:12|2026-10|day|li@example.cn": one mail's identity. A manual send is new at every press.</summary>
    private string KeyOf(DeliverySubscription subscription, DeliveryRequest request, string recipient)
    {
        var who = subscription.Id == 0 ? "to" : $"sub:{subscription.Id}";
        var occasion = request.Occasion switch
        {
            DeliveryOccasion.WorkingDay => "day",
            DeliveryOccasion.Closed => $"close:{request.Revision}",
            _ => $"now:{clock.UtcNow.Ticks}",
        };
        return $"{who}|{request.Month}|{occasion}|{recipient.Trim().ToLowerInvariant()}";
    }

    private FileCache Files(DeliverySubscription subscription, ReportMonth month) => new(archive, kpi, text, subscription, month);

    private static IReadOnlyList<string> Names(DeliveryMail mail) => [.. mail.Attachments.Select(a => a.FileName)];

    /// <summary>
    /// What a run reads once however many recipients it mails: the month's figures (frozen when closed, else live), and its
    /// files — the archived file of a closed month, byte for byte; before the close the live file, its name marked
    /// 未定版 / not-closed, every format of a report written from one load of it.
    /// </summary>
    private sealed class FileCache(
        MonthArchive archive, KpiCache kpi, IStringLocalizer<SharedResource> text, DeliverySubscription subscription, ReportMonth month)
    {
        private readonly Dictionary<(ReportDefinition, ExportFormat), ReportFile> _files = [];
        private (FrozenMonth? Frozen, KpiReport Report)? _figures;

        public async Task<(FrozenMonth? Frozen, KpiReport Report)> FiguresAsync(CancellationToken cancellationToken)
        {
            if (_figures is not { } figures)
            {
                var frozen = await archive.FrozenAsync(month, cancellationToken);
                _figures = figures = (frozen, frozen?.Report ?? await kpi.GetAsync(month, null, cancellationToken));
            }

            return figures;
        }

        public async Task<ReportFile> GetAsync(ReportDefinition kind, ExportFormat format, CancellationToken cancellationToken)
        {
            if (!_files.ContainsKey((kind, format)))
            {
                await ReadAsync(kind, [.. DeliveryRecipients.FormatsOf(subscription).Append(format).Distinct()], cancellationToken);
            }

            return _files[(kind, format)];
        }

        /// <summary>A report's files in the subscription's language: the archived ones, and the others from one load of the report.</summary>
        private async Task ReadAsync(ReportDefinition kind, IReadOnlyList<ExportFormat> formats, CancellationToken cancellationToken)
        {
            using (Localization.Use(subscription.Language))
            {
                var missing = new List<ExportFormat>();
                foreach (var format in formats)
                {
                    if (await kind.ArchivedAsync(archive, month, format, cancellationToken) is { } archived)
                    {
                        _files[(kind, format)] = archived;
                    }
                    else
                    {
                        missing.Add(format);
                    }
                }

                if (missing.Count == 0)
                {
                    return;
                }

                var live = await kind.ExportEachAsync(month, null, [.. missing.Select(f => new ReportEdition(subscription.Language, f))], cancellationToken);
                foreach (var ((_, format), file) in live)
                {
                    var name = Path.GetFileNameWithoutExtension(file.FileName) + text["Delivery.File.NotClosedSuffix"] + Path.GetExtension(file.FileName);
                    _files[(kind, format)] = file with { FileName = name };
                }
            }
        }
    }
}
