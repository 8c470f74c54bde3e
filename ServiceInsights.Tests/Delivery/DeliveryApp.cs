using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceInsights.Data.Delivery;
using ServiceInsights.Data.Persistence;
using ServiceInsights.Web.Delivery;
using ServiceInsights.Web.Hosting;

namespace ServiceInsights.Tests.Delivery;

/// <summary>
/// The app's real composition on a SQLite file (as the verbs build it), pointed at a test SMTP server; with
/// <c>scheduler</c> it also runs, so its Quartz scheduler fires rounds against the shared database.
/// </summary>
public sealed class DeliveryApp : IAsyncDisposable
{
    private DeliveryApp(WebApplication app) => App = app;

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public DeliveryRunner Runner => Services.GetRequiredService<DeliveryRunner>();

    public DeliveryStore Store => Services.GetRequiredService<DeliveryStore>();

    /// <param name="services">More services over the app's own (a test's extra report).</param>
    public static async Task<DeliveryApp> CreateAsync(string connectionString, IReadOnlyDictionary<string, string?> settings, TimeProvider time,
        bool scheduler = false, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["ConnectionStrings:ServiceInsights"] = connectionString,
            ["Database:Provider"] = "Sqlite",
            ["Delivery:SchedulerEnabled"] = scheduler ? "true" : "false",
            ["Delivery:PollSeconds"] = "5",
            ["Summaries:PollSeconds"] = "3600",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceInsights();
        builder.Services.AddSingleton(time);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        await app.Services.GetRequiredService<IDbContextFactory<ServiceInsightsDbContext>>().MigrateAsync(app.Services.GetRequiredService<DatabaseSettings>());
        if (scheduler)
        {
            await app.StartAsync();
        }

        return new DeliveryApp(app);
    }

    public async Task AddUserAsync(string email, string role, string name)
    {
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        await accounts.EnsureRolesAsync();
        await accounts.AddAsync(email, role, "Test#2026pass", name);
    }

    public async Task AddRecordsAsync(params object[] records)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<ServiceInsightsDbContext>>().CreateDbContextAsync();
        db.AddRange(records);
        await db.SaveChangesAsync();
    }

    /// <summary>Saves a subscription as the Admin page does, then dates its creation back (a subscription made earlier).</summary>
    public async Task<DeliverySubscription> SubscribeAsync(DeliverySubscription subscription, DateTime? createdAtUtc = null)
    {
        var saved = await Services.GetRequiredService<DeliverySubscriptionService>().SaveAsync(subscription, "admin@serviceinsights.local");
        if (createdAtUtc is { } created)
        {
            await using var db = await Services.GetRequiredService<IDbContextFactory<ServiceInsightsDbContext>>().CreateDbContextAsync();
            await db.DeliverySubscriptions.Where(s => s.Id == saved.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.CreatedAt, created));
        }

        return saved;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await App.StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        await App.DisposeAsync();
    }
}

/// <summary>The real clock moved to a chosen department-local moment: time passes (timers, Quartz) but starts there.</summary>
public sealed class ShiftedTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _shift = start - DateTimeOffset.UtcNow;

    public static ShiftedTimeProvider AtLocal(int year, int month, int day, int hour, int minute) =>
        new(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(8)));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
}
