using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceInsights.Data.Persistence.Configurations;

namespace ServiceInsights.Data.KpiComments;

internal static class KpiCommentColumns
{
    public const int TextLength = 2000;
}

public class KpiCommentConfiguration : IEntityTypeConfiguration<KpiComment>
{
    public void Configure(EntityTypeBuilder<KpiComment> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedOnAdd();
        b.Property(c => c.Month).HasMaxLength(7).IsRequired();
        b.Property(c => c.RuleId).HasMaxLength(ServiceRecordConfiguration.EnumLength).IsRequired();
        // One comment per rule and month: two managers saving at once collide here.
        b.HasIndex(c => new { c.Month, c.RuleId }).IsUnique();
        b.Property(c => c.Cause).HasMaxLength(KpiCommentColumns.TextLength).IsRequired();
        b.Property(c => c.Action).HasMaxLength(KpiCommentColumns.TextLength).IsRequired();
        b.Property(c => c.OwnerId).HasMaxLength(450).IsRequired();
        b.Property(c => c.OwnerName).HasMaxLength(SettingsColumns.UserLength).IsRequired();
        b.Property(c => c.UpdatedBy).HasMaxLength(SettingsColumns.UserLength).IsRequired();
        b.Property(c => c.Version).IsConcurrencyToken();
    }
}

public class KpiCommentChangeConfiguration : IEntityTypeConfiguration<KpiCommentChange>
{
    public void Configure(EntityTypeBuilder<KpiCommentChange> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedOnAdd();
        b.HasOne(c => c.Comment).WithMany().HasForeignKey(c => c.CommentId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.CommentId, c.At });
        b.Property(c => c.UserName).HasMaxLength(SettingsColumns.UserLength).IsRequired();
        b.Property(c => c.Field).HasMaxLength(ServiceRecordConfiguration.EnumLength).IsRequired();
        b.Property(c => c.OldValue).HasMaxLength(KpiCommentColumns.TextLength);
        b.Property(c => c.NewValue).HasMaxLength(KpiCommentColumns.TextLength);
    }
}
