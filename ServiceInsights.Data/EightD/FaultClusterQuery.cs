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
/// and fault cause. A repair takes model, customer and serial number from its ticket; a complaint from itself, else its
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
        var matching = occurrences.Where(o => o.Model == Clean(key.Model) && o.Cause == Clean(key.FaultCause)).ToList();
        return matching.Count == 0 ? null : ToCluster(key with { Model = Clean(key.Model), FaultCause = Clean(key.FaultCause) }, matching);
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

        var repairs = await (
                from r in db.Repairs.AsNoTracking()
                where r.ReceivedAt >= fromUtc && r.ReceivedAt < toUtc
                join t in db.Tickets.AsNoTracking() on r.TicketNo equals t.TicketNo into linked
                from t in linked.DefaultIfEmpty()
                select new { r.RepairNo, r.ReceivedAt, r.FaultCause, Model = t == null ? null : t.Model, Customer = t == null ? null : t.Customer, SerialNo = t == null ? null : t.SerialNo })
            .ToListAsync(cancellationToken);
        var complaints = await (
                from c in db.Complaints.AsNoTracking()
                where c.ReceivedAt >= fromUtc && c.ReceivedAt < toUtc
                join t in db.Tickets.AsNoTracking() on c.TicketNo equals t.TicketNo into linked
                from t in linked.DefaultIfEmpty()
                select new
                {
                    c.ComplaintNo, c.ReceivedAt, c.RootCause, Model = c.Model ?? (t == null ? null : t.Model),
                    Customer = c.Customer ?? (t == null ? null : t.Customer), SerialNo = c.SerialNo ?? (t == null ? null : t.SerialNo),
                })
            .ToListAsync(cancellationToken);

        return repairs.Select(r => new Occurrence(EightDLinkKind.Repair, r.RepairNo, clock.ToLocal(r.ReceivedAt), Clean(r.Model), Clean(r.FaultCause), Clean(r.Customer), Clean(r.SerialNo)))
            .Concat(complaints.Select(c => new Occurrence(EightDLinkKind.Complaint, c.ComplaintNo, clock.ToLocal(c.ReceivedAt), Clean(c.Model), Clean(c.RootCause), Clean(c.Customer), Clean(c.SerialNo))))
            .ToList();
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static List<string> Distinct(IEnumerable<string?> values) =>
        values.OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private sealed record Occurrence(EightDLinkKind Kind, string Number, DateTime At, string? Model, string? Cause, string? Customer, string? SerialNo);
}
