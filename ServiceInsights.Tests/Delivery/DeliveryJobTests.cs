using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceInsights.Data.Delivery;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Tests.Builders;

namespace ServiceInsights.Tests.Delivery;

/// <summary>
/// Two app instances, each with its running Quartz scheduler, on one SQLite database: the dated send of October (the first
/// working day of November, 09:00) is due when they start, both fire rounds every 5 s, and every recipient gets one mail.
/// </summary>
public sealed class DeliveryJobTests
{
    [Fact]
    public async Task TwoSchedulersOnOneDatabaseSendEachMailOnce()
    {
        using var folder = new TempFolder();
        await using var smtp = new TestSmtpServer();
        var connection = folder.SqliteConnectionString("shared.db");
        var settings = smtp.Settings;
        DeliveryApp first;
        await using (var setup = await DeliveryApp.CreateAsync(connection, settings, ShiftedTimeProvider.AtLocal(2026, 11, 3, 9, 5)))
        {
            await setup.AddUserAsync("li.manager@example.cn", AppRoles.Manager, "李经理");
            await setup.AddUserAsync("wang.manager@example.cn", AppRoles.Manager, "王经理");
            await setup.AddRecordsAsync(new TicketBuilder().No("GD-S1").ReceivedAt("2026-10-12 09:00").Staff("张敏").Build());
            await setup.SubscribeAsync(new DeliverySubscription(0, "KPI 月报", ["kpi"], ["pdf"], "zh-CN", [AppRoles.Manager], [], 1, new TimeOnly(9, 0), false, true),
                createdAtUtc: TestClock.Utc("2026-10-20 12:00"));
        }

        first = await DeliveryApp.CreateAsync(connection, settings, ShiftedTimeProvider.AtLocal(2026, 11, 3, 9, 5), scheduler: true);
        await using var second = await DeliveryApp.CreateAsync(connection, settings, ShiftedTimeProvider.AtLocal(2026, 11, 3, 9, 5), scheduler: true);
        await using (first)
        {
            var deadline = DateTime.UtcNow.AddSeconds(40);
            while (smtp.Messages.Count < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }

            // Both schedulers keep firing rounds after the mails went out: nothing more is sent.
            await Task.Delay(TimeSpan.FromSeconds(11));
        }

        Assert.Equal(["li.manager@example.cn", "wang.manager@example.cn"], smtp.Messages.Select(m => m.To.Mailboxes.Single().Address).Order().ToArray());
        await using var db = await second.Services.GetRequiredService<IDbContextFactory<ServiceInsightsDbContext>>().CreateDbContextAsync();
        var sends = await db.DeliverySends.AsNoTracking().ToListAsync();
        Assert.Equal(2, sends.Count);
        Assert.All(sends, s => Assert.Equal(("Sent", "WorkingDay", "2026-10"), (s.Status, s.Occasion, s.Month)));
        // The rounds came from the Quartz job store in the same database.
        Assert.True(await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM QRTZ_TRIGGERS").SingleAsync() >= 1);
    }
}
