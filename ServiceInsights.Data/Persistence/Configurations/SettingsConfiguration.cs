using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceInsights.Data.Entities;

namespace ServiceInsights.Data.Persistence.Configurations;

internal static class SettingsColumns
{
    public const int KeyLength = 100;
    public const int UserLength = 256;
    public const int ValueLength = 4000;
}

public class SettingValueConfiguration : IEntityTypeConfiguration<SettingValue>
{
    public void Configure(EntityTypeBuilder<SettingValue> b)
    {
        b.HasKey(s => s.Key);
        b.Property(s => s.Key).HasMaxLength(SettingsColumns.KeyLength);
        b.Property(s => s.Value).HasMaxLength(SettingsColumns.ValueLength).IsRequired();
        b.Property(s => s.UpdatedBy).HasMaxLength(SettingsColumns.UserLength).IsRequired();
    }
}

public class HolidayYearConfiguration : IEntityTypeConfiguration<HolidayYear>
{
    public void Configure(EntityTypeBuilder<HolidayYear> b)
    {
        b.HasKey(y => y.Year);
        b.Property(y => y.Year).ValueGeneratedNever();
        // The file as uploaded (a few KB): kept whole so the schedule can be read again exactly as the notice gave it.
        b.Property(y => y.Json).IsRequired();
        b.Property(y => y.LoadedBy).HasMaxLength(SettingsColumns.UserLength).IsRequired();
    }
}

public class CalendarDayEditConfiguration : IEntityTypeConfiguration<CalendarDayEdit>
{
    public void Configure(EntityTypeBuilder<CalendarDayEdit> b)
    {
        b.HasKey(d => d.Date);
        b.Property(d => d.Kind).HasConversion<string>().HasMaxLength(ServiceRecordConfiguration.EnumLength);
        b.Property(d => d.Name).HasMaxLength(ServiceRecordConfiguration.NameLength).IsRequired();
        b.Property(d => d.UpdatedBy).HasMaxLength(SettingsColumns.UserLength).IsRequired();
    }
}

public class SettingChangeConfiguration : IEntityTypeConfiguration<SettingChange>
{
    public void Configure(EntityTypeBuilder<SettingChange> b)
    {
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedOnAdd();
        b.HasIndex(c => c.At);
        b.Property(c => c.UserName).HasMaxLength(SettingsColumns.UserLength).IsRequired();
        b.Property(c => c.Setting).HasMaxLength(SettingsColumns.KeyLength).IsRequired();
        b.Property(c => c.OldValue).HasMaxLength(SettingsColumns.ValueLength);
        b.Property(c => c.NewValue).HasMaxLength(SettingsColumns.ValueLength);
    }
}
