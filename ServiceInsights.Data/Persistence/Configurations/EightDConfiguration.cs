using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Persistence.Configurations;

public class EightDReportConfiguration : IEntityTypeConfiguration<EightDReport>
{
    public const int NumberLength = 20;

    public void Configure(EntityTypeBuilder<EightDReport> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedOnAdd();
        b.Property(r => r.Number).HasMaxLength(NumberLength).IsRequired();
        // The number generator relies on this index: two drafts that pick the same number collide here and retry.
        b.HasIndex(r => r.Number).IsUnique();
        b.Property(r => r.Title).HasMaxLength(400).IsRequired();
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(ServiceRecordConfiguration.EnumLength);
        b.HasIndex(r => r.Status);
        b.Property(r => r.Author).HasMaxLength(SettingsColumns.UserLength).IsRequired();
        b.Property(r => r.Owner).HasMaxLength(SettingsColumns.UserLength).IsRequired();
        b.Property(r => r.Version).IsConcurrencyToken();
        // nvarchar(max) / TEXT: a document with tables and a timeline of a large cluster outgrows 4000 characters.
        b.Property(r => r.Content).IsRequired();
        b.HasMany(r => r.Links).WithOne().HasForeignKey(l => l.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class EightDLinkConfiguration : IEntityTypeConfiguration<EightDLink>
{
    public void Configure(EntityTypeBuilder<EightDLink> b)
    {
        b.HasKey(l => l.Id);
        b.Property(l => l.Id).ValueGeneratedOnAdd();
        b.Property(l => l.Kind).HasConversion<string>().HasMaxLength(ServiceRecordConfiguration.EnumLength);
        b.Property(l => l.Number).HasMaxLength(ServiceRecordConfiguration.KeyLength).IsRequired();
        // "Which 8D has this complaint?" is asked from every complaint page.
        b.HasIndex(l => new { l.Kind, l.Number });
        b.HasIndex(l => new { l.ReportId, l.Kind, l.Number }).IsUnique();
    }
}

public class EightDChangeConfiguration : IEntityTypeConfiguration<EightDChange>
{
    public void Configure(EntityTypeBuilder<EightDChange> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedOnAdd();
        b.HasIndex(c => new { c.ReportId, c.At });
        b.HasOne<EightDReport>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.Property(c => c.UserName).HasMaxLength(SettingsColumns.UserLength).IsRequired();
        b.Property(c => c.Section).HasMaxLength(ServiceRecordConfiguration.EnumLength).IsRequired();
        b.Property(c => c.Field).HasMaxLength(200).IsRequired();
        b.Property(c => c.OldValue).HasMaxLength(SettingsColumns.ValueLength);
        b.Property(c => c.NewValue).HasMaxLength(SettingsColumns.ValueLength);
    }
}
