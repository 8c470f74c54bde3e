using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Quartz;
using ServiceInsights.Data.Delivery;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Web.Delivery;

/// <summary>
/// Scheduled delivery's composition: the subscriptions and the log, the runner, MailKit's sender and the Quartz scheduler
/// whose job store is the app's own database (the QRTZ_ tables of the <c>DeliverQuartzJobStore</c> migrations).
/// </summary>
public static class DeliveryHosting
{
    public static WebApplicationBuilder AddDelivery(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section));
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.Section))
            .Validate(o => o.MaxAttempts >= 1 && o.RetryBaseSeconds >= 1 && o.PollSeconds >= 5,
                $"{DeliveryOptions.Section}: MaxAttempts and RetryBaseSeconds must be at least 1, PollSeconds at least 5.")
            .ValidateOnStart();
        services.AddSingleton<DeliveryStore>();
        services.AddSingleton<DeliveryRecipients>();
        services.AddSingleton<SmtpMailSender>();
        services.AddSingleton<DeliveryRunner>();
        services.AddSingleton<DeliverySubscriptionService>();

        // The scheduler is composed before the options can be resolved: the same section, bound once here.
        var delivery = configuration.GetSection(DeliveryOptions.Section).Get<DeliveryOptions>() ?? new DeliveryOptions();
        if (!delivery.SchedulerEnabled)
        {
            return builder;
        }

        var sqlServer = string.Equals(configuration["Database:Provider"], "SqlServer", StringComparison.OrdinalIgnoreCase);
        var poll = TimeSpan.FromSeconds(Math.Max(5, delivery.PollSeconds));
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = "ServiceInsights");
            q.UsePersistentStore(store =>
            {
                // The connection comes from the app's own resolved settings (the same database file or server as EF).
                if (sqlServer)
                {
                    store.UseSqlServer(o => o.DataSourceFactory = sp => SqlClientFactory.Instance.CreateDataSource(sp.GetRequiredService<DatabaseSettings>().ConnectionString));
                    // Every instance's scheduler takes part in one cluster: a round fires on one node only.
                    store.UseClustering();
                }
                else
                {
                    // Quartz refuses a clustered SQLite store (its lock is in-process); two instances on one SQLite file both
                    // fire rounds, and the delivery log's unique key keeps every mail single (decision 027).
                    store.UseSqlite(o => o.DataSourceFactory = sp => SqliteFactory.Instance.CreateDataSource(sp.GetRequiredService<DatabaseSettings>().ConnectionString));
                }
            });
            q.ScheduleJob<DeliveryJob>(
                trigger => trigger.WithIdentity("delivery-round", "delivery").StartNow().WithSimpleSchedule(s => s.WithInterval(poll).RepeatForever()),
                job => job.WithIdentity(DeliveryJob.Key));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
