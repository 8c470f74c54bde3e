using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceInsights.Data.Persistence.Configurations;

namespace ServiceInsights.Data.FollowUps;

/// <summary>The follow-up tables' column lengths.</summary>
internal static class FollowUpItemColumns
{
    public const int DerivedKeyLength = 100;
    public const int ActionLength = 2000;
    public const int UserIdLength = 450;
}

public class FollowUpItemConfiguration : IEntityTypeConfiguration<FollowUpItem>
{
    public void Configure(EntityTypeBuilder<FollowUpItem> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedOnAdd();
        b.Property(i => i.Source).HasConversion<string>().HasMaxLength(ServiceRecordConfiguration.EnumLength);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(ServiceRecordConfiguration.EnumLength);
        // Deriving twice (two instances at once, a re-import) collides here instead of opening a second item.
        b.Property(i => i.DerivedKey).HasMaxLength(FollowUpItemColumns.DerivedKeyLength);
        b.HasIndex(i => i.DerivedKey).IsUnique();
        b.Property(i => i.RecordKind).HasMaxLength(ServiceRecordConfiguration.EnumLength).IsRequired();
        b.Property(i => i.RecordKey).HasMaxLength(ServiceRecordConfiguration.KeyLength).IsRequired();
        b.HasIndex(i => new { i.RecordKind, i.RecordKey });
        b.Property(i => i.Customer).HasMaxLength(200);
        b.Property(i => i.Action).HasMaxLength(FollowUpItemColumns.ActionLength);
        b.Property(i => i.OwnerId).HasMaxLength(FollowUpItemColumns.UserIdLength);
        b.HasIndex(i => new { i.OwnerId, i.Status });
        b.Property(i => i.OwnerName).HasMaxLength(SettingsColumns.UserLength);
        b.Property(i => i.CreatedBy).HasMaxLength(SettingsColumns.UserLength).IsRequired();
        b.Property(i => i.VerifierId).HasMaxLength(FollowUpItemColumns.UserIdLength);
        b.Property(i => i.VerifierName).HasMaxLength(SettingsColumns.UserLength);
        b.Property(i => i.Version).IsConcurrencyToken();
    }
}

public class FollowUpChangeConfiguration : IEntityTypeConfiguration<FollowUpChange>
{
    public void Configure(EntityTypeBuilder<FollowUpChange> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedOnAdd();
        b.HasOne(c => c.Item).WithMany().HasForeignKey(c => c.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.ItemId, c.At });
        b.Property(c => c.UserName).HasMaxLength(SettingsColumns.UserLength).IsRequired();
        b.Property(c => c.Field).HasMaxLength(ServiceRecordConfiguration.EnumLength).IsRequired();
        b.Property(c => c.OldValue).HasMaxLength(FollowUpItemColumns.ActionLength);
        b.Property(c => c.NewValue).HasMaxLength(FollowUpItemColumns.ActionLength);
    }
}
