using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceInsights.Data.Persistence.Configurations;

namespace ServiceInsights.Data.MonthClose;

public class MonthCloseRecordConfiguration : IEntityTypeConfiguration<MonthCloseRecord>
{
    public void Configure(EntityTypeBuilder<MonthCloseRecord> b)
    {
        b.ToTable("MonthCloses");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedOnAdd();
        b.Property(c => c.Month).HasMaxLength(7).IsRequired();
        b.HasIndex(c => new { c.Month, c.Revision }).IsUnique();
        b.Property(c => c.ClosedBy).HasMaxLength(MonthCloseColumns.UserLength).IsRequired();
        b.Property(c => c.ReopenedBy).HasMaxLength(MonthCloseColumns.UserLength);
        b.Property(c => c.ReopenReason).HasMaxLength(MonthCloseColumns.ReasonLength);
        b.Property(c => c.SettingsJson).IsRequired();
        b.Property(c => c.CalendarJson).IsRequired();
        b.HasMany(c => c.Rules).WithOne().HasForeignKey(r => r.MonthCloseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Scorecards).WithOne().HasForeignKey(r => r.MonthCloseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Files).WithOne().HasForeignKey(r => r.MonthCloseId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class MonthCloseRuleConfiguration : IEntityTypeConfiguration<MonthCloseRule>
{
    public void Configure(EntityTypeBuilder<MonthCloseRule> b)
    {
        b.ToTable("MonthCloseRules");
        b.HasKey(r => new { r.MonthCloseId, r.RuleId });
        b.Property(r => r.RuleId).HasMaxLength(16);
        b.Property(r => r.Group).HasMaxLength(32).IsRequired();
        b.Property(r => r.TargetChinese).HasMaxLength(MonthCloseColumns.TextLength).IsRequired();
        b.Property(r => r.TargetEnglish).HasMaxLength(MonthCloseColumns.TextLength).IsRequired();
    }
}

public class MonthCloseScorecardConfiguration : IEntityTypeConfiguration<MonthCloseScorecard>
{
    public void Configure(EntityTypeBuilder<MonthCloseScorecard> b)
    {
        b.ToTable("MonthCloseScorecards");
        b.HasKey(s => new { s.MonthCloseId, s.Staff });
        b.Property(s => s.Staff).HasMaxLength(ServiceRecordConfiguration.NameLength);
        b.Property(s => s.Json).IsRequired();
    }
}

public class MonthCloseFileConfiguration : IEntityTypeConfiguration<MonthCloseFile>
{
    public void Configure(EntityTypeBuilder<MonthCloseFile> b)
    {
        b.ToTable("MonthCloseFiles");
        b.HasKey(f => new { f.MonthCloseId, f.Report, f.Format, f.Language });
        b.Property(f => f.Report).HasMaxLength(16);
        b.Property(f => f.Format).HasMaxLength(8);
        b.Property(f => f.Language).HasMaxLength(8);
        b.Property(f => f.FileName).HasMaxLength(MonthCloseColumns.TextLength).IsRequired();
        b.Property(f => f.ContentType).HasMaxLength(MonthCloseColumns.TextLength).IsRequired();
        b.Property(f => f.Content).IsRequired();
    }
}

internal static class MonthCloseColumns
{
    public const int UserLength = 256;
    public const int ReasonLength = 1000;
    public const int TextLength = 200;
}
