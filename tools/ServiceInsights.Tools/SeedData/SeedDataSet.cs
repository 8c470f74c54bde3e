using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Import;

namespace ServiceInsights.Tools.SeedData;

/// <summary>What to generate: the random seed, the period of received dates and the moment the export was taken
/// (nothing happens after it). All local department time (Asia/Shanghai).</summary>
public sealed record SeedOptions(int Seed, DateOnly From, DateOnly To, DateTime AsOf)
{
    /// <summary>The options behind the committed <c>seed-data/</c> files.</summary>
    public static SeedOptions Default { get; } = new(20261128, new DateOnly(2025, 12, 1), new DateOnly(2026, 11, 27),
        new DateTime(2026, 11, 28, 9, 0, 0));
}

/// <summary>
/// A generated year of the department's records. Unlike stored entities, every instant here is a <b>local</b> department
/// time (as in the exported files), never UTC.
/// </summary>
public sealed class SeedDataSet
{
    public required SeedOptions Options { get; init; }
    public required IReadOnlyList<Ticket> Tickets { get; init; }
    public required IReadOnlyList<Repair> Repairs { get; init; }
    public required IReadOnlyList<RepairUpdate> RepairUpdates { get; init; }
    public required IReadOnlyList<SiteVisit> SiteVisits { get; init; }
    public required IReadOnlyList<Callback> Callbacks { get; init; }
    public required IReadOnlyList<Complaint> Complaints { get; init; }
    public required IReadOnlyList<Quote> Quotes { get; init; }

    public IReadOnlyList<object> Records(RecordKind kind) => kind switch
    {
        RecordKind.Tickets => Tickets,
        RecordKind.Repairs => Repairs,
        RecordKind.RepairUpdates => RepairUpdates,
        RecordKind.SiteVisits => SiteVisits,
        RecordKind.Callbacks => Callbacks,
        RecordKind.Complaints => Complaints,
        RecordKind.Quotes => Quotes,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
