using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Entities;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.EightD;

/// <summary>
/// One record an 8D links to, with the key fields the outputs list (local times). A repair has no customer or product of
/// its own: they come from its ticket. A link whose record is no longer in the database keeps its number and nothing else.
/// </summary>
public sealed record EightDLinkedRecord(
    EightDLinkKind Kind,
    string Number,
    DateTime? ReceivedAt,
    string? TicketNo,
    string? Customer,
    string? Product,
    string? Model,
    string? SerialNo,
    string? Text,
    string? Person,
    DateTime? ClosedAt);

/// <summary>The complaints, tickets and repairs of an 8D's links, in the order of the links (kind, then number).</summary>
public sealed class EightDLinkedRecordsQuery(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    private const int ChunkSize = 500;

    public async Task<IReadOnlyList<EightDLinkedRecord>> LoadAsync(IReadOnlyList<EightDLinkRow> links, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var complaints = (await ByNumberAsync(links, EightDLinkKind.Complaint,
                chunk => db.Complaints.AsNoTracking().Where(c => chunk.Contains(c.ComplaintNo)), cancellationToken))
            .ToDictionary(c => c.ComplaintNo, StringComparer.Ordinal);
        var repairs = (await ByNumberAsync(links, EightDLinkKind.Repair,
                chunk => db.Repairs.AsNoTracking().Where(r => chunk.Contains(r.RepairNo)), cancellationToken))
            .ToDictionary(r => r.RepairNo, StringComparer.Ordinal);
        // The tickets of the links and the tickets of the linked repairs (for the repairs' customer and product).
        var ticketNos = links.Where(l => l.Kind == EightDLinkKind.Ticket).Select(l => l.Number)
            .Concat(repairs.Values.Select(r => r.TicketNo).OfType<string>()).Distinct(StringComparer.Ordinal).ToList();
        var tickets = new Dictionary<string, Ticket>(StringComparer.Ordinal);
        foreach (var chunk in ticketNos.Chunk(ChunkSize))
        {
            foreach (var t in await db.Tickets.AsNoTracking().Where(t => chunk.Contains(t.TicketNo)).ToListAsync(cancellationToken))
            {
                tickets[t.TicketNo] = t;
            }
        }

        return links.OrderBy(l => l.Kind).ThenBy(l => l.Number, StringComparer.Ordinal).Select(link => link.Kind switch
        {
            EightDLinkKind.Complaint when complaints.TryGetValue(link.Number, out var c) => new EightDLinkedRecord(
                link.Kind, c.ComplaintNo, clock.ToLocal(c.ReceivedAt), c.TicketNo, c.Customer, c.ProductName, c.Model, c.SerialNo,
                c.Description, c.Responsible ?? c.Staff, Local(c.ClosedAt)),
            EightDLinkKind.Ticket when tickets.TryGetValue(link.Number, out var t) => new EightDLinkedRecord(
                link.Kind, t.TicketNo, clock.ToLocal(t.ReceivedAt), t.TicketNo, t.Customer, t.ProductName, t.Model, t.SerialNo,
                t.Problem, t.Staff, Local(t.ResolvedAt)),
            EightDLinkKind.Repair when repairs.TryGetValue(link.Number, out var r) => Repair(r, r.TicketNo is { } no ? tickets.GetValueOrDefault(no) : null),
            _ => new EightDLinkedRecord(link.Kind, link.Number, null, null, null, null, null, null, null, null, null),
        }).ToList();
    }

    private EightDLinkedRecord Repair(Repair r, Ticket? ticket) => new(
        EightDLinkKind.Repair, r.RepairNo, clock.ToLocal(r.ReceivedAt), r.TicketNo, ticket?.Customer, ticket?.ProductName, ticket?.Model,
        ticket?.SerialNo, r.FaultCause, null, Local(r.RepairedAt));

    private DateTime? Local(DateTime? utc) => utc is { } at ? clock.ToLocal(at) : null;

    private static async Task<List<T>> ByNumberAsync<T>(IReadOnlyList<EightDLinkRow> links, EightDLinkKind kind, Func<string[], IQueryable<T>> query,
        CancellationToken cancellationToken)
    {
        var results = new List<T>();
        foreach (var chunk in links.Where(l => l.Kind == kind).Select(l => l.Number).Distinct(StringComparer.Ordinal).Chunk(ChunkSize))
        {
            results.AddRange(await query(chunk).ToListAsync(cancellationToken));
        }

        return results;
    }
}
