using Microsoft.EntityFrameworkCore;
using ServiceInsights.Data.Domain;
using ServiceInsights.Data.Import;
using ServiceInsights.Data.Persistence;

namespace ServiceInsights.Data.Records;

/// <summary>
/// One record with its linked records, found by ticket number (there are no foreign keys: a record may name a ticket
/// that is not imported yet). A ticket brings its repairs (each with its status updates), site visits, callbacks,
/// complaints and quotes; any other record brings its ticket, and a repair its status updates too.
/// </summary>
public sealed class RecordDetailQuery(IDbContextFactory<ServiceInsightsDbContext> factory, DepartmentClock clock)
{
    /// <summary>The kinds that have a detail of their own (repair updates are shown within their repair).</summary>
    public static bool HasDetail(RecordKind kind) => kind != RecordKind.RepairUpdates;

    /// <summary>The record with its links, or null when no record of that kind has that key.</summary>
    public async Task<RecordDetail?> LoadAsync(RecordRef record, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var key = record.Key;
        var ct = cancellationToken;
        return record.Kind switch
        {
            RecordKind.Tickets => await TicketAsync(db, key, ct),
            RecordKind.Repairs => await RepairAsync(db, key, ct),
            RecordKind.SiteVisits => await WithTicketAsync(db, RecordSchemas.SiteVisits,
                await db.SiteVisits.AsNoTracking().FirstOrDefaultAsync(v => v.DispatchNo == key, ct), v => v.TicketNo, ct),
            RecordKind.Callbacks => await WithTicketAsync(db, RecordSchemas.Callbacks,
                await db.Callbacks.AsNoTracking().FirstOrDefaultAsync(c => c.CallbackNo == key, ct), c => c.TicketNo, ct),
            RecordKind.Complaints => await WithTicketAsync(db, RecordSchemas.Complaints,
                await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.ComplaintNo == key, ct), c => c.TicketNo, ct),
            RecordKind.Quotes => await WithTicketAsync(db, RecordSchemas.Quotes,
                await db.Quotes.AsNoTracking().FirstOrDefaultAsync(q => q.QuoteNo == key, ct), q => q.TicketNo, ct),
            _ => throw new ArgumentException($"{record.Kind} have no detail of their own.", nameof(record)),
        };
    }

    private async Task<RecordDetail?> TicketAsync(ServiceInsightsDbContext db, string key, CancellationToken ct)
    {
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.TicketNo == key, ct);
        if (ticket is null)
        {
            return null;
        }

        var repairs = await db.Repairs.AsNoTracking().Where(r => r.TicketNo == key).OrderBy(r => r.ReceivedAt).ToListAsync(ct);
        var repairNumbers = repairs.Select(r => r.RepairNo).ToList();
        var updates = repairNumbers.Count == 0
            ? []
            : await db.RepairUpdates.AsNoTracking().Where(u => repairNumbers.Contains(u.RepairNo)).OrderBy(u => u.At).ToListAsync(ct);
        var visits = await db.SiteVisits.AsNoTracking().Where(v => v.TicketNo == key).OrderBy(v => v.OrderedAt).ToListAsync(ct);
        var callbacks = await db.Callbacks.AsNoTracking().Where(c => c.TicketNo == key).OrderBy(c => c.At).ToListAsync(ct);
        var complaints = await db.Complaints.AsNoTracking().Where(c => c.TicketNo == key).OrderBy(c => c.ReceivedAt).ToListAsync(ct);
        var quotes = await db.Quotes.AsNoTracking().Where(q => q.TicketNo == key).OrderBy(q => q.QuotedAt).ToListAsync(ct);

        return Detail(RecordSchemas.Tickets, ticket,
            Group(RecordSchemas.Repairs, repairs.Select(r => Linked(RecordSchemas.Repairs, r) with
            {
                Children = [.. updates.Where(u => u.RepairNo == r.RepairNo).Select(u => Linked(RecordSchemas.RepairUpdates, u))],
            })),
            Group(RecordSchemas.SiteVisits, visits.Select(v => Linked(RecordSchemas.SiteVisits, v))),
            Group(RecordSchemas.Callbacks, callbacks.Select(c => Linked(RecordSchemas.Callbacks, c))),
            Group(RecordSchemas.Complaints, complaints.Select(c => Linked(RecordSchemas.Complaints, c))),
            Group(RecordSchemas.Quotes, quotes.Select(q => Linked(RecordSchemas.Quotes, q))));
    }

    private async Task<RecordDetail?> RepairAsync(ServiceInsightsDbContext db, string key, CancellationToken ct)
    {
        var repair = await db.Repairs.AsNoTracking().FirstOrDefaultAsync(r => r.RepairNo == key, ct);
        if (repair is null)
        {
            return null;
        }

        var updates = await db.RepairUpdates.AsNoTracking().Where(u => u.RepairNo == key).OrderBy(u => u.At).ToListAsync(ct);
        return Detail(RecordSchemas.Repairs, repair,
            await TicketGroupAsync(db, repair.TicketNo, ct),
            Group(RecordSchemas.RepairUpdates, updates.Select(u => Linked(RecordSchemas.RepairUpdates, u))));
    }

    private async Task<RecordDetail?> WithTicketAsync<T>(ServiceInsightsDbContext db, RecordSchema schema, T? record, Func<T, string?> ticketNo,
        CancellationToken ct) where T : class =>
        record is null ? null : Detail(schema, record, await TicketGroupAsync(db, ticketNo(record), ct));

    private async Task<LinkGroup?> TicketGroupAsync(ServiceInsightsDbContext db, string? ticketNo, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(ticketNo))
        {
            return null;
        }

        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.TicketNo == ticketNo, ct);
        return new LinkGroup(RecordKind.Tickets,
            [ticket is null ? LinkedRecord.NotImported(new RecordRef(RecordKind.Tickets, ticketNo)) : Linked(RecordSchemas.Tickets, ticket)]);
    }

    private LinkedRecord Linked(RecordSchema schema, object entity) => RecordValues.Linked(schema, entity, clock);

    private static LinkGroup? Group(RecordSchema schema, IEnumerable<LinkedRecord> items) =>
        items.ToList() is { Count: > 0 } list ? new LinkGroup(schema.Kind, list) : null;

    private RecordDetail Detail(RecordSchema schema, object entity, params LinkGroup?[] links) =>
        new(RecordValues.Ref(schema, entity), RecordValues.All(schema, entity, clock), [.. links.OfType<LinkGroup>()]);
}
