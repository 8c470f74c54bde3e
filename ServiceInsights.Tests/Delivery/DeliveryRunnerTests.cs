using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ServiceInsights.Data.Delivery;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Data.Reports.Kpi;
using ServiceInsights.Tests.Builders;
using ServiceInsights.Tests.Exports;
using ServiceInsights.Web.Delivery;
using ServiceInsights.Web.MonthClose;

namespace ServiceInsights.Tests.Delivery;

/// <summary>
/// The runner through the app's real composition, a real SQLite file and a real SMTP server on localhost: who receives which
/// report, the attachments read back, the archived files of a closed month, one mail per key, refusals, retries and timeouts.
/// The department's clock reads 2026-11-03 09:05 (and moves on).
/// </summary>
public sealed class DeliveryRunnerTests : IAsyncLifetime
{
    private static readonly ReportMonth October = new(2026, 10);
    private readonly TempFolder _folder = new();
    private readonly TestSmtpServer _smtp = new();
    private DeliveryApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await DeliveryApp.CreateAsync(_folder.SqliteConnectionString("delivery.db"),
            new Dictionary<string, string?>(_smtp.Settings) { ["Delivery:RetryBaseSeconds"] = "1", ["Delivery:MaxAttempts"] = "3" },
            ShiftedTimeProvider.AtLocal(2026, 11, 3, 9, 5));
        await _app.AddUserAsync("li.manager@example.cn", AppRoles.Manager, "李经理");
        await _app.AddUserAsync("wang.manager@example.cn", AppRoles.Manager, "王经理");
        await _app.AddUserAsync("zhang.staff@example.cn", AppRoles.Staff, "张敏");
        await _app.AddUserAsync("qe@example.cn", AppRoles.QualityEngineer, "质量");
        await _app.AddRecordsAsync(
            new TicketBuilder().No("GD-D1").ReceivedAt("2026-10-12 09:00").Customer("甲公司").Product("虫情测报灯", "M-A").Staff("张敏")
                .With(t => t.Origin = Origin.SelfMade).Build(),
            new TicketBuilder().No("GD-D2").ReceivedAt("2026-10-13 10:00").Customer("乙公司").Product("虫情测报灯", "M-A").Staff("张敏").Build(),
            new CallbackBuilder().No("HF-D1").Ticket("GD-D1").At("2026-10-14 15:00").Staff("张敏").Satisfaction(5).Build());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
        _folder.Dispose();
    }

    private static DeliverySubscription Subscription(string name, string[] reports, string[] roles, string[]? emails = null, string language = "zh-CN") =>
        new(0, name, reports, ["pdf", "xlsx"], language, roles, emails ?? [], 1, new TimeOnly(9, 0), true, true);

    [Fact]
    public async Task EachRecipientGetsTheReportsTheirRoleMayOpenWithTheHeadlineFiguresAndTheLiveFilesMarkedNotClosed()
    {
        await _app.SubscribeAsync(Subscription("月报", ["callbacks", "kpi"], [AppRoles.Manager, AppRoles.Staff]));

        var outcomes = await _app.Runner.RunAsync(new DeliveryRequest(October, DeliveryOccasion.WorkingDay, "月报"));

        Assert.All(outcomes, o => Assert.Equal(DeliveryResult.Sent, o.Result));
        Assert.Equal(3, _smtp.Messages.Count);
        var manager = _smtp.Messages.Single(m => m.To.Mailboxes.Single().Address == "li.manager@example.cn");
        Assert.Equal("【ServiceInsights】2026-10 月度报告（未定版）", manager.Subject);
        Assert.Equal(
            ["回访报告-2026-10-未定版.pdf", "回访报告-2026-10-未定版.xlsx", "月度KPI报告-2026-10-未定版.pdf", "月度KPI报告-2026-10-未定版.xlsx"],
            manager.Attachments.OfType<MimePart>().Select(a => a.FileName!).Order().ToArray());
        var kpiPdf = Bytes(manager, "月度KPI报告-2026-10-未定版.pdf");
        Assert.Contains("月度KPI报告", ExportReading.Compact(string.Concat(ExportReading.PdfPages(kpiPdf))));
        using (var workbook = ExportReading.Workbook(Bytes(manager, "回访报告-2026-10-未定版.xlsx")))
        {
            Assert.NotEmpty(workbook.Worksheets);
        }

        // Every figure in the body is the KPI engine's, from the records.
        var report = await _app.Services.GetRequiredService<KpiCache>().GetAsync(October);
        var body = manager.TextBody;
        Assert.Contains("李经理，您好", body);
        Assert.Contains("本月尚未定版", body);
        foreach (var id in new[] { "CS-3a", "CS-3b", "CS-7b" })
        {
            Assert.Contains($"- {id} ", body);
            Assert.Contains($"（{report[id].Met}/{report[id].Eligible}）", body);
        }

        // Staff may open the callback report only: the KPI report is left out, and the mail says so.
        var staff = _smtp.Messages.Single(m => m.To.Mailboxes.Single().Address == "zhang.staff@example.cn");
        Assert.Equal(["回访报告-2026-10-未定版.pdf", "回访报告-2026-10-未定版.xlsx"], staff.Attachments.OfType<MimePart>().Select(a => a.FileName!).Order().ToArray());
        Assert.Contains("未附：月度KPI报告", staff.TextBody);
        Assert.DoesNotContain(_smtp.Messages, m => m.To.Mailboxes.Single().Address == "qe@example.cn");

        // The same occasion again (a second fire, another instance): nothing more goes out.
        var again = await _app.Runner.RunAsync(new DeliveryRequest(October, DeliveryOccasion.WorkingDay, "月报"));
        Assert.All(again, o => Assert.Equal(DeliveryResult.AlreadySent, o.Result));
        Assert.Equal(3, _smtp.Messages.Count);
        var log = await _app.Store.LogAsync();
        Assert.Equal(3, log.Count);
        Assert.All(log, s => Assert.Equal(DeliveryStatus.Sent, s.Status));
        Assert.Contains(log, s => s.Recipient == "zhang.staff@example.cn" && s.Refused.SequenceEqual(["kpi"]));
    }

    [Fact]
    public async Task AClosedMonthSendsTheArchivedFilesByteForByteInTheSubscriptionsLanguage()
    {
        await _app.SubscribeAsync(Subscription("KPI en", ["kpi"], [], ["wang.manager@example.cn"], "en-US"));
        var close = await _app.Services.GetRequiredService<MonthCloser>().CloseAsync(October, new MonthCloseActor("li.manager@example.cn", [AppRoles.Manager]));

        var outcome = Assert.Single(await _app.Runner.RunAsync(new DeliveryRequest(October, DeliveryOccasion.Closed, "KPI en", Revision: close.Revision)));

        Assert.Equal(DeliveryResult.Sent, outcome.Result);
        var mail = Assert.Single(_smtp.Messages);
        Assert.Equal("[ServiceInsights] Monthly reports 2026-10 (closed)", mail.Subject);
        Assert.Contains("closed on", mail.TextBody);
        Assert.Contains("by li.manager@example.cn", mail.TextBody);
        var archive = _app.Services.GetRequiredService<MonthArchive>();
        Assert.Equal((await archive.FileAsync(October, "kpi", "pdf", "en-US"))!.Content, Bytes(mail, "kpi-report-2026-10.pdf"));
        Assert.Equal((await archive.FileAsync(October, "kpi", "xlsx", "en-US"))!.Content, Bytes(mail, "kpi-report-2026-10.xlsx"));
    }

    [Fact]
    public async Task TheSchedulersRoundSendsAClosedMonthOnceToAnOnCloseSubscription()
    {
        await _app.SubscribeAsync(Subscription("定版即发", ["kpi"], [], ["li.manager@example.cn"]) with { WorkingDay = null },
            createdAtUtc: TestClock.Utc("2026-10-25 09:00"));
        Assert.Empty(await _app.Runner.RunDueAsync());

        await _app.Services.GetRequiredService<MonthCloser>().CloseAsync(October, new MonthCloseActor("li.manager@example.cn", [AppRoles.Manager]));
        var first = Assert.Single(await _app.Runner.RunDueAsync());
        var second = Assert.Single(await _app.Runner.RunDueAsync());

        Assert.Equal((DeliveryResult.Sent, DeliveryResult.AlreadySent), (first.Result, second.Result));
        var mail = Assert.Single(_smtp.Messages);
        Assert.Equal("【ServiceInsights】2026-10 月度报告（已定版）", mail.Subject);
        var send = Assert.Single(await _app.Store.LogAsync());
        Assert.Equal((DeliveryOccasion.Closed, true, "2026-10"), (send.Occasion, send.MonthClosed, send.Month));
    }

    [Fact]
    public async Task ARefusingServerIsLoggedAndRetriedWithBackOffWhileTheOtherRecipientsAreSent()
    {
        _smtp.RefuseFirst = 1;
        await _app.SubscribeAsync(Subscription("KPI", ["kpi"], [AppRoles.Manager]));

        var outcomes = await _app.Runner.RunAsync(new DeliveryRequest(October, DeliveryOccasion.WorkingDay, "KPI"));

        var refused = Assert.Single(outcomes, o => o.Result == DeliveryResult.Retrying);
        Assert.Contains("refused the mail", refused.Error);
        Assert.Single(outcomes, o => o.Result == DeliveryResult.Sent);
        Assert.Single(_smtp.Messages);
        var waiting = Assert.Single(await _app.Store.LogAsync(), s => s.Status == DeliveryStatus.Retrying);
        Assert.NotNull(waiting.NextAttemptAt);
        // The log keeps the kind (the page words it) and the server's own reply, verbatim.
        Assert.Equal((DeliveryFailure.Refused, $"127.0.0.1:{_smtp.Port}: 554 mailbox refused by the test server"), (waiting.Failure, waiting.Error));

        // Nothing is retried before its time; after the back-off (1 s here) the scheduler's round sends it.
        Assert.DoesNotContain(await _app.Runner.RunDueAsync(), o => o.Recipient == refused.Recipient);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var retried = Assert.Single(await _app.Runner.RunDueAsync(), o => o.Recipient == refused.Recipient);

        Assert.Equal(DeliveryResult.Sent, retried.Result);
        Assert.Equal(2, _smtp.Messages.Count);
        var sent = Assert.Single(await _app.Store.LogAsync(), s => s.Recipient == refused.Recipient);
        Assert.Equal((DeliveryStatus.Sent, 2), (sent.Status, sent.Attempts));
    }

    [Fact]
    public async Task AfterTheLastAttemptTheSendIsFailedWithItsReason()
    {
        _smtp.RefuseFirst = 10;
        await _app.SubscribeAsync(Subscription("KPI", ["kpi"], [], ["li.manager@example.cn"]));

        await _app.Runner.RunAsync(new DeliveryRequest(October, DeliveryOccasion.WorkingDay, "KPI"));
        for (var attempt = 2; attempt <= 3; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(attempt == 2 ? 1.2 : 4.2));
            await _app.Runner.RunDueAsync();
        }

        var failed = Assert.Single(await _app.Store.LogAsync());
        Assert.Equal((DeliveryStatus.Failed, 3), (failed.Status, failed.Attempts));
        Assert.Null(failed.NextAttemptAt);
        Assert.Equal(DeliveryFailure.Refused, failed.Failure);
        Assert.Contains("554 mailbox refused", failed.Error);
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task AServerThatNeverAnswersTimesOutAndTheSendWaitsForARetry()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var app = await DeliveryApp.CreateAsync(_folder.SqliteConnectionString("silent.db"),
            new Dictionary<string, string?>(_smtp.Settings) { ["Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:TimeoutSeconds"] = "1" },
            ShiftedTimeProvider.AtLocal(2026, 11, 3, 9, 5));
        await app.AddUserAsync("li.manager@example.cn", AppRoles.Manager, "李经理");
        await app.SubscribeAsync(Subscription("KPI", ["kpi"], [AppRoles.Manager]));

        var outcome = Assert.Single(await app.Runner.RunAsync(new DeliveryRequest(October, DeliveryOccasion.WorkingDay, "KPI")));

        Assert.Equal(DeliveryResult.Retrying, outcome.Result);
        Assert.Contains("did not answer within 1 s", outcome.Error);
        var send = Assert.Single(await app.Store.LogAsync());
        Assert.Equal((DeliveryStatus.Retrying, DeliveryFailure.Timeout, $"127.0.0.1:{port}, 1 s"), (send.Status, send.Failure, send.Error));
    }

    [Theory]
    [InlineData(DeliveryFailure.Authentication)]
    [InlineData(DeliveryFailure.Connection)]
    [InlineData(DeliveryFailure.Configuration)]
    public async Task AFailureOfTheServerOrItsConfigurationIsLoggedWithItsKindAndWhatTheServerSaid(DeliveryFailure kind)
    {
        await using var guarded = new TestSmtpServer(password: "richtig");
        var settings = kind switch
        {
            DeliveryFailure.Authentication => new Dictionary<string, string?>(guarded.Settings) { ["Smtp:User"] = "reports", ["Smtp:Password"] = "falsch" },
            // Nothing listens on a port just freed: the connection is refused.
            DeliveryFailure.Connection => new Dictionary<string, string?>(_smtp.Settings) { ["Smtp:Port"] = TestSmtpServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) },
            _ => new Dictionary<string, string?>(_smtp.Settings) { ["Smtp:Host"] = "" },
        };
        await using var app = await DeliveryApp.CreateAsync(_folder.SqliteConnectionString($"{kind}.db"), settings, ShiftedTimeProvider.AtLocal(2026, 11, 3, 9, 5));
        await app.AddUserAsync("li.manager@example.cn", AppRoles.Manager, "李经理");
        await app.SubscribeAsync(Subscription("KPI", ["kpi"], [AppRoles.Manager]));

        var outcome = Assert.Single(await app.Runner.RunAsync(new DeliveryRequest(October, DeliveryOccasion.WorkingDay, "KPI")));

        Assert.Equal(DeliveryResult.Retrying, outcome.Result);
        var send = Assert.Single(await app.Store.LogAsync());
        Assert.Equal(kind, send.Failure);
        Assert.StartsWith(kind == DeliveryFailure.Configuration ? "Smtp:Host" : "127.0.0.1:", send.Error);
        Assert.Empty(guarded.Messages);
    }

    [Fact]
    public async Task AnAddressOutsideTheUsersAndARecipientWithoutPermissionAreRefused()
    {
        var subscriptions = _app.Services.GetRequiredService<DeliverySubscriptionService>();
        var unknown = await Assert.ThrowsAsync<InvalidSubscriptionException>(() =>
            subscriptions.SaveAsync(Subscription("外部", ["kpi"], [], ["someone@elsewhere.com"]), "admin"));
        Assert.Contains("someone@elsewhere.com is not the e-mail address of a user", unknown.Message);
        var staff = await Assert.ThrowsAsync<InvalidSubscriptionException>(() =>
            subscriptions.SaveAsync(Subscription("KPI", ["kpi"], [], ["zhang.staff@example.cn"]), "admin"));
        Assert.Contains("zhang.staff@example.cn (Staff) may open none of the chosen reports", staff.Message);
        var role = await Assert.ThrowsAsync<InvalidSubscriptionException>(() => subscriptions.SaveAsync(Subscription("KPI", ["kpi"], [AppRoles.Staff]), "admin"));
        Assert.Contains("the role Staff may open none", role.Message);

        var outcomes = await _app.Runner.RunAsync(new DeliveryRequest(October, DeliveryOccasion.Manual, To: ["someone@elsewhere.com", "zhang.staff@example.cn"]));

        Assert.Equal(DeliveryResult.Refused, Assert.Single(outcomes, o => o.Recipient == "someone@elsewhere.com").Result);
        var sent = Assert.Single(_smtp.Messages);
        Assert.Equal(["回访报告-2026-10-未定版.pdf", "回访报告-2026-10-未定版.xlsx"], sent.Attachments.OfType<MimePart>().Select(a => a.FileName!).Order().ToArray());
        // The log keeps the kind, which the page words; the outcome (the verb, the log file) keeps the English sentence.
        Assert.Contains("not the e-mail address", Assert.Single(outcomes, o => o.Recipient == "someone@elsewhere.com").Error);
        Assert.Contains(await _app.Store.LogAsync(), s => s.Recipient == "someone@elsewhere.com" && s.Status == DeliveryStatus.Failed && s.Failure == DeliveryFailure.NotAUser);
    }

    [Theory]
    [InlineData(DeliveryFailure.Deleted)]
    [InlineData(DeliveryFailure.NotPermitted)]
    [InlineData(DeliveryFailure.NotAUser)]
    public async Task ARetryWhoseSubscriptionOrRecipientChangedSinceIsGivenUpWithItsKind(DeliveryFailure kind)
    {
        _smtp.RefuseFirst = 1;
        var subscription = await _app.SubscribeAsync(Subscription("KPI", ["kpi"], [], ["li.manager@example.cn"]));
        Assert.Equal(DeliveryResult.Retrying, Assert.Single(await _app.Runner.RunAsync(new DeliveryRequest(October, DeliveryOccasion.WorkingDay, "KPI"))).Result);
        if (kind == DeliveryFailure.Deleted)
        {
            await _app.Store.DeleteAsync(subscription.Id, "admin");
        }
        else
        {
            await ChangeUserAsync("li.manager@example.cn", kind == DeliveryFailure.NotPermitted ? MoveToStaffAsync : (users, user) => users.DeleteAsync(user));
        }

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var outcome = Assert.Single(await _app.Runner.RunDueAsync());

        Assert.Equal((DeliveryResult.Failed, kind, null), (outcome.Result, outcome.Failure, outcome.Detail));
        var send = Assert.Single(await _app.Store.LogAsync());
        // The kind says it all: no English reason is stored for the page to show.
        Assert.Equal((DeliveryStatus.Failed, kind, null), (send.Status, send.Failure, send.Error));
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task ARecipientWhoseRoleMayOpenNoneOfTheReportsIsRefusedWithItsKind()
    {
        await _app.SubscribeAsync(Subscription("KPI", ["kpi"], [], ["li.manager@example.cn"]));
        await ChangeUserAsync("li.manager@example.cn", MoveToStaffAsync);

        var outcome = Assert.Single(await _app.Runner.RunAsync(new DeliveryRequest(October, DeliveryOccasion.WorkingDay, "KPI")));

        Assert.Equal((DeliveryResult.Refused, DeliveryFailure.NotPermitted), (outcome.Result, outcome.Failure));
        Assert.Contains("li.manager@example.cn (Staff) may open none of the reports of 'KPI'", outcome.Error);
        var send = Assert.Single(await _app.Store.LogAsync());
        Assert.Equal((DeliveryStatus.Failed, DeliveryFailure.NotPermitted, null), (send.Status, send.Failure, send.Error));
    }

    [Fact]
    public async Task AMailThatCannotBeBuiltIsLoggedAsSuchWithTheExceptionAsTheDetail()
    {
        await _app.SubscribeAsync(Subscription("KPI", ["kpi"], [AppRoles.Manager]));
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<ServiceInsightsDbContext>>().CreateDbContextAsync())
        {
            // The archive's files unreadable: the figures are read, the attachments are not.
            await db.Database.ExecuteSqlRawAsync("DROP TABLE MonthCloseFiles");
        }

        var outcomes = await _app.Runner.RunAsync(new DeliveryRequest(October, DeliveryOccasion.Manual, "KPI"));

        Assert.All(outcomes, o => Assert.Equal((DeliveryResult.Retrying, DeliveryFailure.Compose), (o.Result, o.Failure)));
        var send = (await _app.Store.LogAsync())[0];
        Assert.Equal(DeliveryFailure.Compose, send.Failure);
        Assert.Equal(outcomes[0].Detail, send.Error);
        Assert.StartsWith("SqliteException: ", send.Error);
        Assert.Contains("no such table: MonthCloseFiles", send.Error);
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task AMailTheServerTookIsNotSentAgainWhenRecordingItFails()
    {
        await _app.SubscribeAsync(Subscription("KPI", ["kpi"], [AppRoles.Manager]));
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<ServiceInsightsDbContext>>().CreateDbContextAsync())
        {
            // The database refuses to record the send once the server has taken the mail.
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER RefuseSent BEFORE UPDATE OF Status ON DeliverySends WHEN NEW.Status = 'Sent' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END;");
        }

        var outcomes = await _app.Runner.RunAsync(new DeliveryRequest(October, DeliveryOccasion.Manual, "KPI"));

        // It went out, so it is not retried: the row stays Sending (at most once), with no next attempt.
        Assert.NotEmpty(outcomes);
        Assert.All(outcomes, o => Assert.Equal(DeliveryResult.Sent, o.Result));
        Assert.Equal(outcomes.Count, _smtp.Messages.Count);
        Assert.All(await _app.Store.LogAsync(), send => Assert.Equal((DeliveryStatus.Sending, (DateTime?)null), (send.Status, send.NextAttemptAt)));
        Assert.Empty(await _app.Store.DueRetriesAsync());
    }

    [Fact]
    public async Task EveryFailureKindFitsTheColumnThatStoresItByName()
    {
        // The kind is stored as text, so a new kind needs no migration, as long as its name fits.
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ServiceInsightsDbContext>>().CreateDbContextAsync();
        var length = db.Model.FindEntityType(typeof(DeliverySendRecord))!.FindProperty(nameof(DeliverySendRecord.Failure))!.GetMaxLength();

        Assert.All(Enum.GetNames<DeliveryFailure>(), name => Assert.True(name.Length <= length, $"{name} is longer than {length}"));
    }

    [Fact]
    public async Task SubscriptionChangesAreAudited()
    {
        var saved = await _app.SubscribeAsync(Subscription("月报", ["kpi"], [AppRoles.Manager]));
        await _app.Services.GetRequiredService<DeliverySubscriptionService>().SaveAsync(saved with { WorkingDay = 5 }, "admin2@example.cn");
        await _app.Store.DeleteAsync(saved.Id, "admin3@example.cn");

        var changes = await _app.Store.ChangesAsync();

        Assert.Equal([DeliveryStore.Deleted, DeliveryStore.Changed, DeliveryStore.Created], changes.Select(c => c.Action).ToArray());
        Assert.Equal(["admin3@example.cn", "admin2@example.cn", "admin@serviceinsights.local"], changes.Select(c => c.User).ToArray());
        Assert.Contains("\"workingDay\":1", changes[1].OldValue!);
        Assert.Contains("\"workingDay\":5", changes[1].NewValue);
    }

    private async Task ChangeUserAsync(string email, Func<UserManager<AppUser>, AppUser, Task> change)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await change(users, (await users.FindByEmailAsync(email))!);
    }

    /// <summary>A Manager moved to Staff, who may not open the KPI report.</summary>
    private static async Task MoveToStaffAsync(UserManager<AppUser> users, AppUser user)
    {
        await users.RemoveFromRoleAsync(user, AppRoles.Manager);
        await users.AddToRoleAsync(user, AppRoles.Staff);
    }

    private static byte[] Bytes(MimeMessage message, string fileName)
    {
        using var stream = new MemoryStream();
        message.Attachments.OfType<MimePart>().Single(a => a.FileName == fileName).Content!.DecodeTo(stream);
        return stream.ToArray();
    }
}
