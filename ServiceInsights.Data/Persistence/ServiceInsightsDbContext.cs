using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ServiceInsights.Data.Delivery;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.FollowUps;
using ServiceInsights.Data.KpiComments;
using ServiceInsights.Data.MonthClose;
using ServiceInsights.Data.Summaries;

namespace ServiceInsights.Data.Persistence;

/// <summary>
/// The one model of ServiceInsights. It is abstract: each database provider has a derived context
/// (<see cref="SqliteServiceInsightsDbContext"/>, <see cref="SqlServerServiceInsightsDbContext"/>) that owns
/// its migrations, as in EF Core's "migrations with multiple providers".
/// It also holds what several app instances on one database share: the data-protection keys (sign-in cookies and
/// antiforgery tokens made by one instance are read by the others), the data version, the import lease and the
/// rejected-rows downloads.
/// </summary>
public abstract class ServiceInsightsDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<Repair> Repairs => Set<Repair>();
    public DbSet<RepairUpdate> RepairUpdates => Set<RepairUpdate>();
    public DbSet<SiteVisit> SiteVisits => Set<SiteVisit>();
    public DbSet<Callback> Callbacks => Set<Callback>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<Quote> Quotes => Set<Quote>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<SettingValue> SettingValues => Set<SettingValue>();
    public DbSet<HolidayYear> HolidayYears => Set<HolidayYear>();
    public DbSet<CalendarDayEdit> CalendarDayEdits => Set<CalendarDayEdit>();
    public DbSet<SettingChange> SettingChanges => Set<SettingChange>();
    public DbSet<EightDReport> EightDReports => Set<EightDReport>();
    public DbSet<EightDLink> EightDLinks => Set<EightDLink>();
    public DbSet<EightDChange> EightDChanges => Set<EightDChange>();
    public DbSet<StoredDataVersion> DataVersions => Set<StoredDataVersion>();
    public DbSet<Lease> Leases => Set<Lease>();
    public DbSet<RejectedRowsDownload> RejectedRowsDownloads => Set<RejectedRowsDownload>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<MonthCloseRecord> MonthCloses => Set<MonthCloseRecord>();
    public DbSet<MonthCloseFile> MonthCloseFiles => Set<MonthCloseFile>();
    public DbSet<MonthSummaryRow> MonthSummaries => Set<MonthSummaryRow>();
    public DbSet<DeliverySubscriptionRecord> DeliverySubscriptions => Set<DeliverySubscriptionRecord>();
    public DbSet<DeliverySubscriptionChange> DeliverySubscriptionChanges => Set<DeliverySubscriptionChange>();
    public DbSet<DeliverySendRecord> DeliverySends => Set<DeliverySendRecord>();
    public DbSet<FollowUpItem> FollowUpItems => Set<FollowUpItem>();
    public DbSet<FollowUpChange> FollowUpChanges => Set<FollowUpChange>();
    public DbSet<KpiComment> KpiComments => Set<KpiComment>();
    public DbSet<KpiCommentChange> KpiCommentChanges => Set<KpiCommentChange>();

    /// <summary>Instants are stored as UTC <see cref="DateTime"/>; reading them back marks them UTC.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ServiceInsightsDbContext).Assembly);
    }
}

/// <summary>Keeps the stored value as is and marks what is read back as UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v,
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
