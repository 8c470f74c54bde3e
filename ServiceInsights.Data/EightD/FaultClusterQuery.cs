using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.EightD;

/// <summary>A fault cluster: the model and the recorded fault cause, over a period of local dates (inclusive).</summary>
public sealed record FaultClusterKey(string? Model, string? FaultCause, DateOnly From, DateOnly To);

/// <summary>
/// Repairs and complaints of one model with one fault cause (a repair's 故障原因, a complaint's root cause) in the period:
/// the count, first and last occurrence (local), customers and serial numbers. Null model or cause: not recorded.
/// </summary>
public sealed record FaultCluster(
    FaultClusterKey Key,
    int Count,
    DateTime FirstAt,
    DateTime LastAt,
    IReadOnlyList<string> Customers,
    IReadOnlyList<string> SerialNumbers,
    IReadOnlyList<string> ComplaintNos,
    IReadOnlyList<string> RepairNos)
{
    public int Complaints => ComplaintNos.Count;

    public int Repairs => RepairNos.Count;
}

/// <summary>
/// DP-2 "quality problems reported upward": groups the period's repairs (by receipt) and complaints (by receipt) by model
/// and fault cause, the cause compared as <see cref="SymptomMatcher"/> compares it (the one rule for "the same symptom"). A repair takes model, customer and serial number from its ticket; a complaint from itself, else its
/// ticket. Largest clusters first.
/// </summary>
public sealed class FaultClusterQuery(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    public async Task<IReadOnlyList<FaultCluster>> RunAsync(DateOnly from, DateOnly to, int minCount = 1,
        CancellationToken cancellationToken = default)
    {
        var occurrences = await OccurrencesAsync(from, to, cancellationToken);
        return occurrences
            .GroupBy(o => (o.Model, o.Cause))
            .Select(g => ToCluster(new FaultClusterKey(g.Key.Model, g.Key.Cause, from, to), g.ToList()))
            .Where(c => c.Count >= minCount)
            .OrderByDescending(c => c.Count).ThenBy(c => c.Key.Model, StringComparer.Ordinal).ThenBy(c => c.Key.FaultCause, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The one cluster of a key, or null when no record of the period has that model and cause.</summary>
    public async Task<FaultCluster?> FindAsync(FaultClusterKey key, CancellationToken cancellationToken = default)
    {
        var occurrences = await OccurrencesAsync(key.From, key.To, cancellationToken);
        var cause = SymptomMatcher.Normalise(key.FaultCause);
        var matching = occurrences.Where(o => o.Model == Clean(key.Model) && o.Cause == cause).ToList();
        return matching.Count == 0 ? null : ToCluster(key with { Model = Clean(key.Model), FaultCause = cause }, matching);
    }

    private static FaultCluster ToCluster(FaultClusterKey key, IReadOnlyList<Occurrence> items) => new(
        key,
        items.Count,
        items.Min(o => o.At),
        items.Max(o => o.At),
        Distinct(items.Select(o => o.Customer)),
        Distinct(items.Select(o => o.SerialNo)),
        items.Where(o => o.Kind == EightDLinkKind.Complaint).Select(o => o.Number).Order(StringComparer.Ordinal).ToList(),
        items.Where(o => o.Kind == EightDLinkKind.Repair).Select(o => o.Number).Order(StringComparer.Ordinal).ToList());

    private async Task<List<Occurrence>> OccurrencesAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        if (to < from)
        {
            throw new InvalidOperationException($"the period ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})");
        }

        var fromUtc = clock.ToUtc(from.ToDateTime(TimeOnly.MinValue));
        var toUtc = clock.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);

        var repairs = await RepairRows(db, fromUtc, toUtc).ToListAsync(cancellationToken);
        var complaints = await ComplaintRows(db, fromUtc, toUtc).ToListAsync(cancellationToken);

        return repairs.Select(r => ToOccurrence(EightDLinkKind.Repair, r)).Concat(complaints.Select(c => ToOccurrence(EightDLinkKind.Complaint, c)))
            .ToList();
    }

    /// <summary>The period's repairs with the model, customer and serial number of their ticket (a left join).</summary>
    internal static IQueryable<OccurrenceRow> RepairRows(ServiceInsightsDbContext db, DateTime fromUtc, DateTime toUtc) =>
        from r in db.Repairs.AsNoTracking()
        where r.ReceivedAt >= fromUtc && r.ReceivedAt < toUtc
        join t in db.Tickets.AsNoTracking() on r.TicketNo equals t.TicketNo into linked
        from t in linked.DefaultIfEmpty()
        select new OccurrenceRow(r.RepairNo, r.ReceivedAt, r.FaultCause, t == null ? null : t.Model, t == null ? null : t.Customer, t == null ? null : t.SerialNo);

    /// <summary>The period's complaints; model, customer and serial number their own, else their ticket's.</summary>
    internal static IQueryable<OccurrenceRow> ComplaintRows(ServiceInsightsDbContext db, DateTime fromUtc, DateTime toUtc) =>
        from c in db.Complaints.AsNoTracking()
        where c.ReceivedAt >= fromUtc && c.ReceivedAt < toUtc
        join t in db.Tickets.AsNoTracking() on c.TicketNo equals t.TicketNo into linked
        from t in linked.DefaultIfEmpty()
        select new OccurrenceRow(c.ComplaintNo, c.ReceivedAt, c.RootCause, c.Model ?? (t == null ? null : t.Model),
            c.Customer ?? (t == null ? null : t.Customer), c.SerialNo ?? (t == null ? null : t.SerialNo));

    internal sealed record OccurrenceRow(string Number, DateTime ReceivedAt, string? Cause, string? Model, string? Customer, string? SerialNo);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static List<string> Distinct(IEnumerable<string?> values) =>
        values.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private Occurrence ToOccurrence(EightDLinkKind kind, OccurrenceRow row) =>
        new(kind, row.Number, clock.ToLocal(row.ReceivedAt), Clean(row.Model), SymptomMatcher.Normalise(row.Cause), Clean(row.Customer), Clean(row.SerialNo));

    private sealed record Occurrence(EightDLinkKind Kind, string Number, DateTime At, string? Model, string? Cause, string? Customer, string? SerialNo);
}
