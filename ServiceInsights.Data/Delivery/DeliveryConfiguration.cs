using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ServiceInsights.Data.Delivery;

public class DeliverySubscriptionConfiguration : IEntityTypeConfiguration<DeliverySubscriptionRecord>
{
    public void Configure(EntityTypeBuilder<DeliverySubscriptionRecord> b)
    {
        b.ToTable("DeliverySubscriptions");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedOnAdd();
        b.Property(s => s.Name).HasMaxLength(DeliveryColumns.NameLength).IsRequired();
        b.HasIndex(s => s.Name).IsUnique();
        b.Property(s => s.Reports).HasMaxLength(100).IsRequired();
        b.Property(s => s.Formats).HasMaxLength(20).IsRequired();
        b.Property(s => s.Language).HasMaxLength(10).IsRequired();
        b.Property(s => s.RecipientRoles).HasMaxLength(100).IsRequired();
        b.Property(s => s.RecipientEmails).HasMaxLength(DeliveryColumns.ListLength).IsRequired();
        b.Property(s => s.UpdatedBy).HasMaxLength(DeliveryColumns.UserLength).IsRequired();
    }
}

public class DeliverySubscriptionChangeConfiguration : IEntityTypeConfiguration<DeliverySubscriptionChange>
{
    public void Configure(EntityTypeBuilder<DeliverySubscriptionChange> b)
    {
        b.ToTable("DeliverySubscriptionChanges");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedOnAdd();
        b.Property(c => c.UserName).HasMaxLength(DeliveryColumns.UserLength).IsRequired();
        b.Property(c => c.Subscription).HasMaxLength(DeliveryColumns.NameLength).IsRequired();
        b.Property(c => c.Action).HasMaxLength(16).IsRequired();
    }
}

public class DeliverySendConfiguration : IEntityTypeConfiguration<DeliverySendRecord>
{
    public void Configure(EntityTypeBuilder<DeliverySendRecord> b)
    {
        b.ToTable("DeliverySends");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedOnAdd();
        b.Property(s => s.DeliveryKey).HasMaxLength(400).IsRequired();
        // The idempotency of a send: whoever inserts the key first sends; everyone else finds it taken.
        b.HasIndex(s => s.DeliveryKey).IsUnique();
        b.Property(s => s.SubscriptionName).HasMaxLength(DeliveryColumns.NameLength).IsRequired();
        b.Property(s => s.Month).HasMaxLength(7).IsRequired();
        b.Property(s => s.Occasion).HasMaxLength(16).IsRequired();
        b.Property(s => s.Recipient).HasMaxLength(DeliveryColumns.UserLength).IsRequired();
        b.Property(s => s.Files).HasMaxLength(2000).IsRequired();
        b.Property(s => s.Refused).HasMaxLength(500).IsRequired();
        b.Property(s => s.Status).HasMaxLength(16).IsRequired();
        b.Property(s => s.Error).HasMaxLength(DeliveryColumns.ErrorLength);
        b.Property(s => s.Failure).HasMaxLength(16);
        b.HasIndex(s => new { s.Status, s.NextAttemptAt });
        b.HasIndex(s => s.CreatedAt);
    }
}

public static class DeliveryColumns
{
    public const int NameLength = 100;
    public const int UserLength = 256;
    public const int ListLength = 4000;
    public const int ErrorLength = 1000;
}
