using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;

namespace ServiceInsights.Data.Persistence.Configurations;

public class StoredDataVersionConfiguration : IEntityTypeConfiguration<StoredDataVersion>
{
    public void Configure(EntityTypeBuilder<StoredDataVersion> b)
    {
        b.ToTable("DataVersion");
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).ValueGeneratedNever();
        // The row exists from the first migration on, so a bump is one UPDATE and a read one SELECT.
        b.HasData(new StoredDataVersion { Id = StoredDataVersion.SingleId, Value = 0 });
    }
}

public class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> b)
    {
        b.HasKey(l => l.Name);
        b.Property(l => l.Name).HasMaxLength(50);
        b.Property(l => l.Holder).HasMaxLength(300).IsRequired();
        // The import lease row exists free (expired long ago): taking it is one conditional UPDATE on every provider.
        b.HasData(new Lease
        {
            Name = ImportLease.Name, Holder = "",
            AcquiredAt = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), ExpiresAt = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        });
    }
}

public class RejectedRowsDownloadConfiguration : IEntityTypeConfiguration<RejectedRowsDownload>
{
    public void Configure(EntityTypeBuilder<RejectedRowsDownload> b)
    {
        b.HasKey(d => d.Token);
        b.Property(d => d.Token).HasMaxLength(32);
        b.Property(d => d.OwnerId).HasMaxLength(450).IsRequired();
        b.Property(d => d.FileName).HasMaxLength(260).IsRequired();
        b.Property(d => d.ResultJson).IsRequired();
        b.HasIndex(d => d.ExpiresAt);
    }
}
