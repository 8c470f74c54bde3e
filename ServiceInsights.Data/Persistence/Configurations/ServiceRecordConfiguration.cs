using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Persistence.Configurations;

/// <summary>Shared shape of the imported records: key lengths, name lengths, enums as their names.</summary>
internal static class ServiceRecordConfiguration
{
    public const int KeyLength = 64;
    public const int NameLength = 200;
    public const int EnumLength = 20;

    public static void ConfigureRecord<T>(this EntityTypeBuilder<T> builder) where T : ServiceRecord
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedOnAdd();
        // Undoing an import on SQLite (a failure, or a killed process's batch; decision 030) deletes the rows carrying its
        // batch id: without this index each undo reads the whole table. Every import's rows carry one batch id, which only
        // grows, so the import appends at the index's end.
        builder.HasIndex(r => r.ImportBatchId);
    }

    public static PropertyBuilder<string> Key(this PropertyBuilder<string> property) => property.HasMaxLength(KeyLength).IsRequired();

    public static PropertyBuilder<string?> TicketLink(this PropertyBuilder<string?> property) => property.HasMaxLength(KeyLength);

    public static PropertyBuilder<string?> Name(this PropertyBuilder<string?> property) => property.HasMaxLength(NameLength);

    public static PropertyBuilder<TEnum?> AsName<TEnum>(this PropertyBuilder<TEnum?> property) where TEnum : struct, Enum =>
        property.HasConversion<string>().HasMaxLength(EnumLength);
}

public class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> b)
    {
        b.ConfigureRecord();
        b.Property(t => t.TicketNo).Key();
        b.HasIndex(t => t.TicketNo).IsUnique();
        // The monthly queries select by anchor time (ReceivedAt) and group or filter by customer and staff; every
        // further index costs the import a B-tree per row.
        b.HasIndex(t => t.ReceivedAt);
        b.HasIndex(t => t.Customer);
        // The callback worklist selects by resolution time, one staff member's or everyone's. Staff leads the index, so
        // it also serves every lookup by staff alone (a separate index on Staff was a second B-tree for nothing).
        b.HasIndex(t => new { t.Staff, t.ResolvedAt });
        b.HasIndex(t => t.ResolvedAt);
        b.Property(t => t.Channel).AsName();
        b.Property(t => t.Origin).AsName();
        b.Property(t => t.ServiceType).AsName();
        b.Property(t => t.Customer).Name();
        b.Property(t => t.Address).HasMaxLength(400);
        b.Property(t => t.Contact).Name();
        b.Property(t => t.Phone).HasMaxLength(100);
        b.Property(t => t.ProductName).Name();
        b.Property(t => t.Model).Name();
        b.Property(t => t.SerialNo).Name();
        b.Property(t => t.Staff).Name();
    }
}

public class RepairConfiguration : IEntityTypeConfiguration<Repair>
{
    public void Configure(EntityTypeBuilder<Repair> b)
    {
        b.ConfigureRecord();
        b.Property(r => r.RepairNo).Key();
        b.HasIndex(r => r.RepairNo).IsUnique();
        b.Property(r => r.TicketNo).TicketLink();
        b.HasIndex(r => r.TicketNo);
        b.HasIndex(r => r.ReceivedAt);
        b.Property(r => r.FaultCause).HasMaxLength(1000);
    }
}

public class RepairUpdateConfiguration : IEntityTypeConfiguration<RepairUpdate>
{
    public void Configure(EntityTypeBuilder<RepairUpdate> b)
    {
        b.ConfigureRecord();
        b.Property(u => u.RepairNo).Key();
        b.HasIndex(u => new { u.RepairNo, u.At }).IsUnique();
        b.HasIndex(u => u.At);
        b.Property(u => u.Method).AsName();
    }
}

public class SiteVisitConfiguration : IEntityTypeConfiguration<SiteVisit>
{
    public void Configure(EntityTypeBuilder<SiteVisit> b)
    {
        b.ConfigureRecord();
        b.Property(v => v.DispatchNo).Key();
        b.HasIndex(v => v.DispatchNo).IsUnique();
        b.Property(v => v.TicketNo).TicketLink();
        b.HasIndex(v => v.TicketNo);
        b.HasIndex(v => v.OrderedAt);
        // The callback worklist (OS-2d) selects by completion time.
        b.HasIndex(v => v.CompletedAt);
        b.Property(v => v.Source).AsName();
        b.Property(v => v.Engineer).Name();
        b.HasIndex(v => v.Engineer);
    }
}

public class CallbackConfiguration : IEntityTypeConfiguration<Callback>
{
    public void Configure(EntityTypeBuilder<Callback> b)
    {
        b.ConfigureRecord();
        b.Property(c => c.CallbackNo).Key();
        b.HasIndex(c => c.CallbackNo).IsUnique();
        b.Property(c => c.TicketNo).TicketLink();
        // By ticket and time, carrying what the reads by ticket need (the KPI engine's linked callbacks, the callback
        // report's open items), so those reads are index-only: the open items' pass reads every callback in this order.
        b.HasIndex(c => new { c.TicketNo, c.At, c.CallbackNo, c.Method, c.Reached, c.Satisfaction, c.Solved }).HasDatabaseName("IX_Callbacks_TicketNo_At");
        b.HasIndex(c => c.At);
        b.Property(c => c.Customer).Name();
        b.HasIndex(c => c.Customer);
        b.Property(c => c.ProductName).Name();
        b.Property(c => c.Model).Name();
        b.Property(c => c.Method).AsName();
        b.Property(c => c.Staff).Name();
        b.HasIndex(c => c.Staff);
    }
}

public class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> b)
    {
        b.ConfigureRecord();
        b.Property(c => c.ComplaintNo).Key();
        b.HasIndex(c => c.ComplaintNo).IsUnique();
        b.Property(c => c.TicketNo).TicketLink();
        b.HasIndex(c => c.TicketNo);
        b.HasIndex(c => c.ReceivedAt);
        b.Property(c => c.Customer).Name();
        b.HasIndex(c => c.Customer);
        b.Property(c => c.ProductName).Name();
        b.Property(c => c.Model).Name();
        b.Property(c => c.SerialNo).Name();
        b.Property(c => c.Source).AsName();
        b.Property(c => c.SalesPerson).Name();
        b.Property(c => c.Responsible).Name();
        b.Property(c => c.Staff).Name();
        b.HasIndex(c => c.Staff);
    }
}

public class QuoteConfiguration : IEntityTypeConfiguration<Quote>
{
    public void Configure(EntityTypeBuilder<Quote> b)
    {
        b.ConfigureRecord();
        b.Property(q => q.QuoteNo).Key();
        b.HasIndex(q => q.QuoteNo).IsUnique();
        b.Property(q => q.TicketNo).TicketLink();
        b.HasIndex(q => q.TicketNo);
        b.HasIndex(q => q.QuotedAt);
        b.Property(q => q.PriceInclTax).HasPrecision(18, 2);
        b.Property(q => q.PriceExclTax).HasPrecision(18, 2);
        b.Property(q => q.FirstQuoted).AsName();
    }
}

public class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> b)
    {
        b.Property(i => i.FileName).HasMaxLength(260).IsRequired();
        b.Property(i => i.Sha256).HasMaxLength(64).IsRequired();
        b.Property(i => i.Kinds).HasMaxLength(200);
        b.Property(i => i.UserName).HasMaxLength(256);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Message).HasMaxLength(2000);
        b.HasIndex(i => i.StartedAt);
        b.HasIndex(i => i.Sha256);
    }
}
